using System.Globalization;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>One row of the project list: the project, the user's sign-up (if any) and the free places.</summary>
public sealed record ProjectListRow(Project Project, SignUpStatus? Mine, int SeatsLeft, bool OpenToMe);

/// <summary>
/// The project list card (项目列表, 搜索项目, 即将开始): one page of projects, the user's own sign-ups marked, 上一页 /
/// 下一页 that replace the card in place (Action.Execute), and a 筛选 panel (category, open to me, month, state,
/// words). Paging buttons carry the current filters in their data, so a page never forgets them.
/// </summary>
public static class ProjectListCards
{
    public const string Words = "q";
    public const string Category = "category";
    public const string Scope = "scope";
    public const string Month = "month";
    public const string State = "state";
    public const string Upcoming = "upcoming";
    public const string PageKey = "page";
    public const string ScopeMine = "mine";
    public const string ScopeAll = "all";
    public const string AnyValue = "any";

    /// <summary>Reads a query from card inputs and action data (strings, as Teams sends them); bad values fall back to defaults.</summary>
    public static ProjectQuery QueryOf(CardData data) => new()
    {
        Words = Clip((data.Get(Words) ?? "").Trim(), 100),
        CategoryId = ProjectCategories.Find(data.Get(Category))?.Id,
        OpenToMe = data.Get(Scope) != ScopeAll,
        Month = data.Get(Month) is { Length: 7 } m && DateTime.TryParseExact(m, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? m : null,
        State = Enum.TryParse<ProjectListState>(data.Get(State), ignoreCase: false, out var s) && Enum.IsDefined(s) ? s : ProjectListState.SigningUp,
        Upcoming = data.Get(Upcoming) == "true",
        Page = int.TryParse(data.Get(PageKey), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Min(p, 10_000) : 0,
    };

    public static string Clip(string text, int max) => text.Length > max ? text[..max] : text;

    public static JsonObject DataOf(ProjectQuery q, int page) => Act.Data(
        (Words, q.Words.Length > 0 ? q.Words : null),
        (Category, q.CategoryId),
        (Scope, q.OpenToMe ? ScopeMine : ScopeAll),
        (Month, q.Month),
        (State, q.State.ToString()),
        (Upcoming, q.Upcoming ? "true" : null),
        (PageKey, page.ToString(CultureInfo.InvariantCulture)));

    public static AdaptiveCard List(Localizer L, ProjectQuery query, ProjectPage page, IReadOnlyList<ProjectListRow> rows, TimeZoneInfo zone,
        DateTimeOffset now, string listVerb)
    {
        var title = query.Upcoming ? L.Format("projects.find.upcomingTitle", ProjectFinder.UpcomingDays)
            : query.Words.Length > 0 ? L.Format("projects.find.searchTitle", Markdown.Escape(query.Words))
            : L["projects.find.title." + query.State];
        var card = new AdaptiveCard().Title(title);
        card.Text(Summary(L, query, page), subtle: true);
        if (page.Total == 0)
        {
            card.Text(query.Words.Length > 0 || Filtered(query) ? L["projects.find.noneMatching"] : L["projects.list.none"]);
        }

        foreach (var row in rows)
        {
            var p = row.Project;
            var state = row.Mine switch
            {
                SignUpStatus.Confirmed => "✓ " + L["projects.list.youAreIn"],
                SignUpStatus.Waitlisted => "⏳ " + L["projects.list.youAreWaitlisted"],
                _ when !p.AcceptsSignUps(now) => ProjectCards.Status(L, p, now),
                _ when !row.OpenToMe => L["projects.find.notOpenToYou"],
                _ => L.Format("projects.list.seats", row.SeatsLeft, p.Capacity),
            };
            card.Add(El.Container(
            [
                El.Text(Markdown.Escape(p.Title), bold: true),
                El.Text(L.Joined(ProjectCards.When(L, p, zone), Markdown.Escape(p.Place)), subtle: true),
                El.Text(L.Joined(L["projects.organiser." + p.Organiser], state), subtle: true, color: row.Mine is null ? null : "Good"),
                El.Actions(Act.Execute(row.Mine is null && p.AcceptsSignUps(now) && row.OpenToMe ? L["projects.list.open"] : L["projects.find.view"],
                    ProjectVerbs.Show, Act.Data(("projectId", p.Id)))),
            ], separator: true));
        }

        var paging = new List<JsonObject>();
        if (page.Page > 0)
        {
            paging.Add(Act.Execute(L["projects.find.previous"], listVerb, DataOf(query, page.Page - 1), validate: false));
        }

        if (page.Page < page.PageCount - 1)
        {
            paging.Add(Act.Execute(L["projects.find.next"], listVerb, DataOf(query, page.Page + 1), validate: false));
        }

        if (paging.Count > 0)
        {
            card.Add(El.Actions([.. paging]));
        }

        card.Action(Act.ShowCard(L["projects.find.filter"], Filters(L, query, zone, now, listVerb)));
        card.Action(Act.Execute(L["projects.find.upcoming"], listVerb, DataOf(new ProjectQuery { Upcoming = true }, 0), validate: false));
        card.Action(Act.Execute(L["projects.mySignUps.button"], ProjectVerbs.ProjectsMine));
        return card;
    }

    private static bool Filtered(ProjectQuery q) => q.CategoryId is not null || q.Month is not null || q.Upcoming || q.State != ProjectListState.SigningUp;

    private static string Summary(Localizer L, ProjectQuery query, ProjectPage page)
    {
        var parts = new List<string> { L.Format("projects.find.count", page.Total, page.Page + 1, page.PageCount) };
        if (query.CategoryId is not null && ProjectCategories.Find(query.CategoryId) is { } c)
        {
            parts.Add(ProjectCards.CategoryLabel(L, c));
        }

        if (query.Month is not null)
        {
            parts.Add(MonthLabel(L, query.Month));
        }

        parts.Add(query.OpenToMe ? L["projects.find.scope.mine"] : L["projects.find.scope.all"]);
        return L.Joined(parts);
    }

    private static AdaptiveCard Filters(Localizer L, ProjectQuery query, TimeZoneInfo zone, DateTimeOffset now, string listVerb)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var first = new DateTime(local.Year, local.Month, 1).AddMonths(-3);
        var months = Enumerable.Range(0, 10).Select(i => first.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
        var filters = new AdaptiveCard()
            .Add(El.TextInput(Words, L["projects.find.words"], query.Words, placeholder: L["projects.find.wordsHint"], maxLength: 100))
            .Add(El.Choices(Category, L["projects.field.category"],
                [(L["projects.find.anyCategory"], AnyValue), .. ProjectCategories.All.Select(c => (ProjectCards.CategoryLabel(L, c), c.Id))],
                query.CategoryId ?? AnyValue))
            .Add(El.Choices(Month, L["projects.find.month"],
                [(L["projects.find.anyMonth"], AnyValue), .. months.Select(m => (MonthLabel(L, m), m))], query.Month ?? AnyValue))
            .Add(El.Choices(State, L["projects.find.state"],
                Enum.GetValues<ProjectListState>().Select(s => (L["projects.find.state." + s], s.ToString())), query.State.ToString()))
            .Add(El.Choices(Scope, L["projects.find.scope"],
                [(L["projects.find.scope.mine"], ScopeMine), (L["projects.find.scope.all"], ScopeAll)], query.OpenToMe ? ScopeMine : ScopeAll));
        filters.Action(Act.Execute(L["projects.find.apply"], listVerb, Act.Data((PageKey, "0"))));
        return filters;
    }

    private static string MonthLabel(Localizer L, string month)
    {
        var d = DateTime.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture);
        return d.ToString(L["projects.find.monthFormat"], L.Culture);
    }
}
