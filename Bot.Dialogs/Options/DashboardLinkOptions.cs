namespace VolunteerBot.Dialogs.Options;

/// <summary>
/// The deep link from chat to the 数据看板 tab (<c>Dashboard</c> section): <c>https://{host}/l/entity/{TeamsAppId}/{TabEntityId}</c>.
/// Without <see cref="TeamsAppId"/> (the manifest's id) the cards carry no 打开数据看板 button.
/// </summary>
public sealed class DashboardLinkOptions
{
    public const string Section = "Dashboard";

    public string? TeamsAppId { get; set; }

    /// <summary>The personal tab's entityId in the manifest.</summary>
    public string TabEntityId { get; set; } = "dashboard";

    /// <summary>Teams web host of the deep link (teams.microsoft.com; another for a sovereign cloud's Teams).</summary>
    public string DeepLinkHost { get; set; } = "teams.microsoft.com";

    /// <summary>The deep link, or null when no Teams app id is configured.</summary>
    public string? Url => string.IsNullOrWhiteSpace(TeamsAppId)
        ? null
        : $"https://{DeepLinkHost}/l/entity/{Uri.EscapeDataString(TeamsAppId.Trim())}/{Uri.EscapeDataString(TabEntityId)}";
}
