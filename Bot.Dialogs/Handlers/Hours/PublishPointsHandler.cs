using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Hours;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Audit;
using VolunteerBot.Dialogs.Domain.Honours;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>
/// 积分公示 / publish points (committee, R15): every active staff member on the roster (leavers out) — and any registered volunteer not on it — with
/// hours and points for a year (0 for those not registered), ranked within the division and the department. Stored per year (shown
/// again, and each volunteer's own line and rank in 我的积分), exported as a workbook, and optionally posted to a chosen team channel
/// as a card (summary, top of each division, link to the full list) in the organisation's language.
/// </summary>
public sealed class PublishPointsHandler(
    HoursContext context,
    IServiceRecordStore records,
    IDocumentService documents,
    IStaffStore staff,
    IPointsPublicationStore publications,
    IPublicationFiles files,
    IChannelDirectory channels,
    IAuditTrail audit,
    IOptions<VolunteeringOptions> options) : ITurnHandler
{
    /// <summary>The channel post's full-list link lasts as long as photo links in channel posts.</summary>
    public static readonly TimeSpan PostLinkLifetime = TimeSpan.FromDays(365);

    public Route Route { get; } = Route.For(Role.Committee, ["积分公示", "公示积分", "publish points"], HoursVerbs.PublishOpen, HoursVerbs.PublishSubmit, PublicationCards.ShowVerb).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var thisYear = context.Today.Year;
        var places = await channels.ListAsync(cancellationToken).ConfigureAwait(false);
        if (turn.Verb == PublicationCards.ShowVerb)
        {
            var y = YearOf(turn, thisYear);
            var stored = await publications.GetAsync(y, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return TurnResult.Replace(PublicationCards.None(L, y));
            }

            var again = await documents.PublishSpreadsheetAsync(PublicationCards.Sheet(stored), turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
            return TurnResult.Replace(PublicationCards.Stored(L, stored, again, context.Format(L, stored.PublishedAt)));
        }

        if (turn.Verb != HoursVerbs.PublishSubmit)
        {
            var last = await publications.GetAsync(thisYear, cancellationToken).ConfigureAwait(false) ?? await publications.GetAsync(thisYear - 1, cancellationToken).ConfigureAwait(false);
            var form = PublicationCards.Form(L, thisYear, places, last, context.Format(L));
            return TurnResult.Answer(turn, form);
        }

        var channelKey = turn.Data.Get(PublicationCards.Channel);
        var channel = channelKey is null ? null : places.FirstOrDefault(c => PublicationCards.ChannelKey(c) == channelKey);
        if (channelKey is not null && channel is null)
        {
            return TurnResult.Replace(PublicationCards.ChannelGone(L, thisYear, places, context.Format(L)));
        }

        var year = YearOf(turn, thisYear);
        var summaries = (await records.ListYearAsync(year, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.VolunteerAadObjectId, StringComparer.OrdinalIgnoreCase);
        var volunteers = (await context.Volunteers.ListAllAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(v => v.AadObjectId, StringComparer.OrdinalIgnoreCase);
        var roster = await staff.ListAsync(cancellationToken).ConfigureAwait(false);
        var names = await context.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        // Leavers (LeftAt set by a re-import) are out, registered or not; a volunteer not on the roster at all stays in.
        var left = roster.Where(s => !s.IsActive).Select(s => s.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var people = roster.Where(s => s.IsActive).Select(s => (s.AadObjectId, s.Name))
            .Concat(volunteers.Values.Where(v => !left.Contains(v.AadObjectId)).Select(v => (v.AadObjectId, v.Name)))
            .DistinctBy(p => p.AadObjectId, StringComparer.OrdinalIgnoreCase)
            .Select(p =>
            {
                var v = volunteers.GetValueOrDefault(p.AadObjectId);
                var s = summaries.GetValueOrDefault(p.AadObjectId);
                var division = v?.DivisionId ?? "";
                return new PublicationRanking.Person(p.AadObjectId, v?.Name ?? p.Name, division,
                    v is null ? L["publication.unregisteredDivision"] : names.GetValueOrDefault(division, division), v is not null, s?.Hours ?? 0, s?.Points ?? 0);
            })
            .ToList();
        var actor = await context.ActorAsync(turn, cancellationToken).ConfigureAwait(false);
        var publication = new PointsPublication(year, context.Now, actor.Name, PublicationRanking.Rank(year, people))
        {
            PostedTeamId = channel?.TeamId, PostedChannelId = channel?.ChannelId, PostedChannelName = channel?.ChannelName,
        };
        await publications.SaveAsync(publication, cancellationToken).ConfigureAwait(false);
        await audit.AddAsync(new AuditEvent(context.Now, turn.User.AadObjectId, actor.Name, AuditActions.PointsPublished, year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{people.Count} staff" + (channel is null ? "" : $", posted to {channel.TeamName} · {channel.ChannelName}")), cancellationToken).ConfigureAwait(false);
        var sheet = PublicationCards.Sheet(publication);
        var link = await documents.PublishSpreadsheetAsync(sheet, turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        var card = PublicationCards.Published(L, year, people.Count, people.Count(p => p.Registered), people.Sum(p => p.Points), link, context.Format(L), channel);
        var result = TurnResult.Replace(card);
        if (channel is not null)
        {
            var postL = Localizer.For(LanguageCodes.Parse(options.Value.DefaultLanguage) ?? Language.ZhCn);
            var full = await files.PublishAsync(sheet, PostLinkLifetime, cancellationToken).ConfigureAwait(false);
            result = TurnResult.Replace(card).PostToChannel(channel.TeamId, channel.ChannelId, PublicationCards.Post(postL, publication, full));
        }

        return result;
    }

    internal static int YearOf(Turn turn, int thisYear) =>
        turn.Data.GetInt(HoursAdminCards.Year) is { } y && y >= thisYear - 5 && y <= thisYear ? y : thisYear;
}

/// <summary>优秀志愿者 / outstanding (committee, R14): volunteers with ≥ 20 confirmed hours and candidate outstanding teams.</summary>
public sealed class OutstandingHandler(HoursContext context, IServiceRecordStore records, IDocumentService documents) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["优秀志愿者", "优秀团队", "outstanding"], HoursVerbs.OutstandingOpen, HoursVerbs.OutstandingSubmit).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var thisYear = context.Today.Year;
        if (turn.Verb != HoursVerbs.OutstandingSubmit)
        {
            var form = HoursAdminCards.YearForm(L, L["hours.outstanding.title"], L["hours.outstanding.intro"], HoursVerbs.OutstandingSubmit, thisYear, null);
            return TurnResult.Answer(turn, form);
        }

        var year = PublishPointsHandler.YearOf(turn, thisYear);
        var summaries = await records.ListYearAsync(year, cancellationToken).ConfigureAwait(false);
        var volunteers = await context.Volunteers.ListAllAsync(cancellationToken).ConfigureAwait(false);
        var names = await context.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        var current = volunteers.ToDictionary(v => v.AadObjectId, v => v.DivisionId, StringComparer.OrdinalIgnoreCase);
        var outstanding = HoursReports.Outstanding(summaries);
        var divisions = HoursReports.Divisions(summaries, current);
        var teams = HoursReports.CandidateTeams(divisions);
        var link = await documents.PublishSpreadsheetAsync(HoursExports.Outstanding(year, outstanding, divisions, current, names), turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        return TurnResult.Replace(OutstandingCards.Result(L, year, outstanding, teams, names, link, context.Format(L)));
    }
}
