using System.Globalization;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Audit;
using VolunteerBot.Dialogs.Domain.Honours;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Handlers.Hours;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Honours;

/// <summary>
/// 优秀志愿者评选 (committee, R14, seed part 5.2): the year's candidates — volunteers with at least 20 confirmed hours who are
/// still registered, and divisions meeting both R6 targets (participation ≥ 90 %, average ≥ 4 hours; their featured projects
/// shown as a plus) — the committee names who is outstanding with a reason, withdraws a naming before publication, and
/// publishes: each named volunteer gets a congratulation card with a numbered 荣誉证书 (PDF), each named division's liaisons a
/// congratulation card. Everything is stored per year, shown on 我的志愿记录, and written to the audit trail.
/// </summary>
public sealed class HonoursHandler(
    HoursContext context,
    IServiceRecordStore records,
    IHonourStore honours,
    IHonourCertificates certificates,
    IDivisionStore divisions,
    IAuditTrail audit) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["优秀志愿者评选", "评选优秀志愿者", "优秀评选", "honours"],
        HonourCards.ShowVerb, HonourCards.NameVerb, HonourCards.UnnameVerb, HonourCards.PublishVerb).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var thisYear = context.Today.Year;
        var year = turn.Data.GetInt(HonourCards.Year)
            ?? (int.TryParse(turn.Arguments, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : thisYear);
        if (year < thisYear - 5 || year > thisYear)
        {
            year = thisYear;
        }

        var (volunteers, teams) = await CandidatesAsync(year, cancellationToken).ConfigureAwait(false);
        var result = new TurnResult();
        string? notice = null;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var kind = Enum.TryParse<HonourKind>(turn.Data.Get(HonourCards.Kind), out var k) ? k : HonourKind.Volunteer;
        if (turn.Verb == HonourCards.NameVerb)
        {
            notice = await NameAsync(turn, year, kind, volunteers, teams, errors, cancellationToken).ConfigureAwait(false);
        }
        else if (turn.Verb == HonourCards.UnnameVerb && turn.Data.Get(HonourCards.Subject) is { } subject)
        {
            var existing = (await honours.ListYearAsync(year, cancellationToken).ConfigureAwait(false)).FirstOrDefault(h => h.Kind == kind && string.Equals(h.SubjectId, subject, StringComparison.OrdinalIgnoreCase));
            if (existing is { AnnouncedAt: null } && await honours.RemoveAsync(year, kind, subject, cancellationToken).ConfigureAwait(false))
            {
                notice = L.Format("honours.board.unnamed", existing.SubjectName);
                await AuditAsync(turn, AuditActions.HonourUnnamed, subject, $"{year} {kind} {existing.SubjectName}", cancellationToken).ConfigureAwait(false);
            }
            else if (existing is not null)
            {
                errors["_"] = L["honours.error.announced"];
            }
        }
        else if (turn.Verb == HonourCards.PublishVerb)
        {
            notice = await PublishAsync(turn, year, result, cancellationToken).ConfigureAwait(false);
        }

        var named = await honours.ListYearAsync(year, cancellationToken).ConfigureAwait(false);
        return result.WithCardUpdate(HonourCards.Board(L, year, volunteers, teams, named, notice, errors));
    }

    private async Task<(IReadOnlyList<HonourCards.VolunteerCandidate>, IReadOnlyList<HonourCards.TeamCandidate>)> CandidatesAsync(int year, CancellationToken ct)
    {
        var summaries = await records.ListYearAsync(year, ct).ConfigureAwait(false);
        var registered = await context.Volunteers.ListAllAsync(ct).ConfigureAwait(false);
        var names = await context.DivisionNamesAsync(ct).ConfigureAwait(false);
        var active = (await divisions.ListAsync(includeArchived: false, ct).ConfigureAwait(false)).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var byId = registered.ToDictionary(v => v.AadObjectId, StringComparer.OrdinalIgnoreCase);
        var volunteers = HoursReports.Outstanding(summaries)
            .Where(s => byId.ContainsKey(s.VolunteerAadObjectId))
            .Select(s => new HonourCards.VolunteerCandidate(s.VolunteerAadObjectId, byId[s.VolunteerAadObjectId].Name,
                names.GetValueOrDefault(byId[s.VolunteerAadObjectId].DivisionId, ""), s.Hours, s.Points))
            .ToList();
        var featured = FeaturedCredit.ByDivision(await honours.ListFeaturedAsync(year, ct).ConfigureAwait(false));
        var current = registered.ToDictionary(v => v.AadObjectId, v => v.DivisionId, StringComparer.OrdinalIgnoreCase);
        var teams = HoursReports.CandidateTeams(HoursReports.Divisions(summaries, current))
            .Where(d => active.Contains(d.DivisionId))
            .Select(d => new HonourCards.TeamCandidate(d.DivisionId, names.GetValueOrDefault(d.DivisionId, d.DivisionId), d.ParticipationRate, d.AverageHours, featured.GetValueOrDefault(d.DivisionId)))
            .OrderByDescending(t => t.Featured).ThenByDescending(t => t.AverageHours)
            .ToList();
        return (volunteers, teams);
    }

    private async Task<string?> NameAsync(Turn turn, int year, HonourKind kind, IReadOnlyList<HonourCards.VolunteerCandidate> volunteers,
        IReadOnlyList<HonourCards.TeamCandidate> teams, Dictionary<string, string> errors, CancellationToken ct)
    {
        var L = turn.L;
        var (pickKey, reasonKey) = kind == HonourKind.Volunteer ? (HonourCards.VolunteerPick, HonourCards.VolunteerReason) : (HonourCards.TeamPick, HonourCards.TeamReason);
        var pick = turn.Data.Get(pickKey);
        var person = kind == HonourKind.Volunteer ? volunteers.FirstOrDefault(v => string.Equals(v.AadObjectId, pick, StringComparison.OrdinalIgnoreCase)) : null;
        var team = kind == HonourKind.Team ? teams.FirstOrDefault(t => t.DivisionId == pick) : null;
        if (person is null && team is null)
        {
            errors[pickKey] = L[kind == HonourKind.Volunteer ? "honours.error.pickVolunteer" : "honours.error.pickTeam"];
        }

        var reason = turn.Data.Get(reasonKey);
        if (reason is null || reason.Length > HonourCards.ReasonMax || reason.Any(char.IsControl))
        {
            errors[reasonKey] = L["honours.error.reason"];
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var actor = await context.ActorAsync(turn, ct).ConfigureAwait(false);
        var honour = new Honour
        {
            Year = year, Kind = kind, SubjectId = person?.AadObjectId ?? team!.DivisionId, SubjectName = person?.Name ?? team!.Name,
            DivisionName = person?.DivisionName ?? team!.Name, Hours = person?.Hours ?? 0, Reason = reason!, NamedByName = actor.Name, NamedAt = context.Now,
        };
        await honours.SaveAsync(honour, ct).ConfigureAwait(false);
        await AuditAsync(turn, AuditActions.HonourNamed, honour.SubjectId, $"{year} {kind} {honour.SubjectName}: {honour.Reason}", ct).ConfigureAwait(false);
        return L.Format(kind == HonourKind.Volunteer ? "honours.board.namedVolunteer" : "honours.board.namedTeam", honour.SubjectName);
    }

    private async Task<string> PublishAsync(Turn turn, int year, TurnResult result, CancellationToken ct)
    {
        var pending = (await honours.ListYearAsync(year, ct).ConfigureAwait(false)).Where(h => h.AnnouncedAt is null).ToList();
        var now = context.Now;
        int people = 0, teams = 0;
        foreach (var h in pending)
        {
            if (h.Kind == HonourKind.Volunteer)
            {
                var issued = await certificates.IssueAsync(new HonourCertificateContent(h.SubjectId, h.SubjectName, h.DivisionName ?? "", year, h.Hours, context.Today),
                    RequestId(year), ct).ConfigureAwait(false);
                var announced = h with { AnnouncedAt = now, CertificateNumber = issued.Number };
                await honours.SaveAsync(announced, ct).ConfigureAwait(false);
                result.Notify(h.SubjectId, theirs => HonourCards.Congratulations(theirs, announced, issued, context.Format(theirs)), $"honour-{year}-{h.SubjectId}");
                people++;
            }
            else
            {
                var announced = h with { AnnouncedAt = now };
                await honours.SaveAsync(announced, ct).ConfigureAwait(false);
                var division = await divisions.GetAsync(h.SubjectId, ct).ConfigureAwait(false);
                foreach (var liaison in division?.LiaisonAadObjectIds ?? [])
                {
                    result.Notify(liaison, theirs => HonourCards.Congratulations(theirs, announced, null, context.Format(theirs)), $"honour-team-{year}-{h.SubjectId}-{liaison}");
                }

                teams++;
            }
        }

        await AuditAsync(turn, AuditActions.HonoursPublished, year.ToString(CultureInfo.InvariantCulture), $"{people} volunteers, {teams} teams", ct).ConfigureAwait(false);
        return turn.L.Format("honours.board.published", people, teams);
    }

    /// <summary>One 荣誉证书 per volunteer and year: the request id the certificate log keys it by.</summary>
    public static string RequestId(int year) => "honour-" + year.ToString(CultureInfo.InvariantCulture);

    private Task AuditAsync(Turn turn, string action, string target, string detail, CancellationToken ct) =>
        audit.AddAsync(new AuditEvent(context.Now, turn.User.AadObjectId, turn.User.Name, action, target, detail), ct);
}

/// <summary>荣誉证书 download (the volunteer, from 我的志愿记录 or the congratulation card): the same number again, with a fresh link.</summary>
public sealed class HonourCertificateHandler(HoursContext context, IHonourStore honours, IHonourCertificates certificates) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Volunteer, ["荣誉证书", "honour certificate"], HonourCards.CertificateVerb).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var mine = await honours.ListForVolunteerAsync(turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        var year = turn.Data.GetInt(HonourCards.Year);
        var honour = year is null ? mine.FirstOrDefault() : mine.FirstOrDefault(h => h.Year == year);
        if (honour is null)
        {
            return TurnResult.Answer(turn, HonourCards.NoCertificate(L));
        }

        var issued = await certificates.IssueAsync(new HonourCertificateContent(turn.User.AadObjectId, honour.SubjectName, honour.DivisionName ?? "", honour.Year, honour.Hours, context.Today),
            HonoursHandler.RequestId(honour.Year), cancellationToken).ConfigureAwait(false);
        var card = HonourCards.Congratulations(L, honour, issued, context.Format(L));
        return turn.IsInvoke ? TurnResult.Replace(card) : TurnResult.Show(card);
    }
}
