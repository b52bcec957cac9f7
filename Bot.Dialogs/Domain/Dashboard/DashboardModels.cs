namespace VolunteerBot.Dialogs.Domain.Dashboard;

// What the dashboard API answers (serialised as camelCase JSON). Labels are not here: the page localises them from its
// own catalogue; names of divisions, people and projects are data.

public sealed record DashboardDivisionRef(string Id, string Name);

/// <summary>Who is looking and what they may open (GET /api/dashboard/me).</summary>
public sealed record DashboardViewer(
    string Name,
    string Role,
    bool Registered,
    IReadOnlyList<string> Pages,
    IReadOnlyList<DashboardDivisionRef> Divisions,
    string Language);

/// <summary>A figure against its target (R5, R6, R14). <see cref="Value"/> is null when the data is not available.</summary>
public sealed record TargetFigure(decimal? Value, decimal Target, bool Met);

public sealed record DivisionActivities(string Id, string Name, int ActivitiesThisQuarter, int BranchThisYear, int BranchTarget, bool BranchTargetMet);

/// <summary>概览: this quarter and this year against the seed's targets, for the department or the liaison's divisions.</summary>
public sealed record DashboardOverview
{
    public required int Year { get; init; }
    public required string Quarter { get; init; }
    public required bool Department { get; init; }
    public required int Registered { get; init; }
    public required int Participants { get; init; }
    public required TargetFigure ParticipationRate { get; init; }
    public required TargetFigure AverageHours { get; init; }
    public required int At20Hours { get; init; }
    public required decimal OutstandingHours { get; init; }
    public required decimal HoursThisYear { get; init; }
    public required decimal HoursThisQuarter { get; init; }
    public required int ActivitiesThisQuarter { get; init; }
    public required int CentralisedThisYear { get; init; }
    public required int CentralisedTarget { get; init; }
    public required int BranchTarget { get; init; }
    public required int ActivitiesPerQuarterTarget { get; init; }
    public required IReadOnlyList<DivisionActivities> Divisions { get; init; }
    public required DateTimeOffset AsOf { get; init; }
}

/// <summary>One row of 处室. <see cref="FeaturedProjects"/> is kept for 特色项目 (issue 18): null until that feature counts them.</summary>
public sealed record DivisionSummary
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required int Members { get; init; }
    public required int Liaisons { get; init; }

    /// <summary>R2: every division has at least one liaison; true flags one without.</summary>
    public bool NoLiaison => Liaisons == 0;
    public required int Participants { get; init; }
    public required decimal ParticipationRate { get; init; }
    public required decimal HoursThisYear { get; init; }
    public required decimal AverageHours { get; init; }
    public required int ActivitiesThisQuarter { get; init; }
    public required int BranchThisYear { get; init; }
    public required int PendingConfirmations { get; init; }
    public required int MissingDeclarations { get; init; }
    public int? FeaturedProjects { get; init; }
}

public sealed record DashboardDivisions(int Year, IReadOnlyList<DivisionSummary> Divisions, DateTimeOffset AsOf);

public sealed record DivisionVolunteerRow(string Name, bool IsLiaison, decimal Hours, int Points, DateOnly? LastActivity);

/// <summary>Drill-down of one division: its volunteers this year, most hours first.</summary>
public sealed record DashboardDivisionDetail(DivisionSummary Division, IReadOnlyList<DivisionVolunteerRow> Volunteers, DateOnly LastActivitySince, DateTimeOffset AsOf);

public sealed record DivisionSeries(string Id, string Name, IReadOnlyList<decimal> Hours, IReadOnlyList<int> Participants);

/// <summary>趋势: the last 12 months ("yyyy-MM", oldest first), one series per division.</summary>
public sealed record DashboardTrends(IReadOnlyList<string> Months, IReadOnlyList<DivisionSeries> Divisions, DateTimeOffset? ComputedAt, DateTimeOffset AsOf);

public sealed record StatusCount(string Status, int Count);

public sealed record UpcomingActivity(string Id, string Title, DateTimeOffset Start, string Place, int Capacity, int Confirmed, decimal Fill);

public sealed record UndeclaredProject(string Id, string Title, DateTimeOffset Start, string DivisionName, string Status);

/// <summary>项目: the pipeline by state, upcoming activities with how full they are, approved projects without a declaration number (R10).</summary>
public sealed record DashboardProjects(IReadOnlyList<StatusCount> Pipeline, IReadOnlyList<UpcomingActivity> Upcoming, IReadOnlyList<UndeclaredProject> WithoutDeclaration, DateTimeOffset AsOf);

/// <summary>我的: one volunteer's hours by month (last 12 months), progress to 4 h and 20 h this year, points.</summary>
public sealed record DashboardMine
{
    public required bool Registered { get; init; }
    public required string Name { get; init; }
    public string? DivisionName { get; init; }
    public required int Year { get; init; }
    public required IReadOnlyList<string> Months { get; init; }
    public required IReadOnlyList<decimal> ConfirmedByMonth { get; init; }
    public required IReadOnlyList<decimal> PendingByMonth { get; init; }
    public required decimal HoursThisYear { get; init; }
    public required decimal PendingThisYear { get; init; }
    public required TargetFigure ToAverage { get; init; }
    public required TargetFigure ToOutstanding { get; init; }
    public required int PointsBalance { get; init; }
    public required int PointsThisYear { get; init; }
    public required DateTimeOffset AsOf { get; init; }
}
