namespace VolunteerBot.Documents;

/// <summary>The <c>Documents</c> configuration section: links to generated files and what certificates say.</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>Where users download files: the bot's own public address (<c>Bot:PublicBaseUrl</c>), default the local run.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:3978";

    /// <summary>How long a download link works; afterwards <c>GET /files/{token}</c> answers 404.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The recording unit named on certificates (记录单位).</summary>
    public string IssuingUnit { get; set; } = "省工业和信息化厅机关党委（学雷锋志愿服务队）";

    /// <summary>The font file (relative to the app folder) that renders Chinese in PDFs.</summary>
    public string FontPath { get; set; } = Path.Combine("Assets", "Fonts", "wqy-microhei.ttc");
}
