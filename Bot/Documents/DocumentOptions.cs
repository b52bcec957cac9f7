namespace VolunteerBot.Documents;

/// <summary>The <c>Documents</c> configuration section: what certificates say and how they are drawn (links: <c>Links</c>).</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>The recording unit named on certificates (记录单位).</summary>
    public string IssuingUnit { get; set; } = "省工业和信息化厅机关党委（学雷锋志愿服务队）";

    /// <summary>The font file (relative to the app folder) that renders Chinese in PDFs.</summary>
    public string FontPath { get; set; } = Path.Combine("Assets", "Fonts", "wqy-microhei.ttc");
}
