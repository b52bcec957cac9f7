namespace VolunteerBot.Dialogs.Domain.Dashboard;

/// <summary>The dashboard pages (数据看板). Which of them a person sees follows from their role.</summary>
public enum DashboardPage
{
    Overview,
    Divisions,
    Trends,
    Projects,
    Mine,
}

/// <summary>
/// What one person may see on the dashboard, decided on the server from the roles the bot resolves for their Entra
/// object id (<c>RoleResolver</c>): the committee sees the whole department, a liaison the divisions they serve, a
/// volunteer (or anyone else) only their own page (我的).
/// </summary>
public sealed record DashboardScope(bool Department, IReadOnlySet<string> DivisionIds)
{
    public static DashboardScope From(bool isCommittee, IReadOnlySet<string> liaisonOf) =>
        isCommittee ? new DashboardScope(true, new HashSet<string>(StringComparer.Ordinal)) : new DashboardScope(false, liaisonOf);

    /// <summary>True when the person sees more than their own page.</summary>
    public bool SeesDivisions => Department || DivisionIds.Count > 0;

    public bool Includes(string divisionId) => Department || DivisionIds.Contains(divisionId);

    public bool Allows(DashboardPage page) => page == DashboardPage.Mine || SeesDivisions;

    public IReadOnlyList<DashboardPage> Pages =>
        SeesDivisions ? [DashboardPage.Overview, DashboardPage.Divisions, DashboardPage.Trends, DashboardPage.Projects, DashboardPage.Mine] : [DashboardPage.Mine];

    /// <summary>A stable key of the scope for caches: "all", or the sorted division ids.</summary>
    public string CacheKey => Department ? "all" : string.Join(',', DivisionIds.Order(StringComparer.Ordinal));
}
