using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>
/// An announcement: who gets it and the card. It leaves the turn as one <see cref="Broadcast"/> keyed by the
/// project, so the Bot layer sends it through the reminder queue (rate-limited, resumable, progress in 提醒进度)
/// and a second approval of the same project announces nothing.
/// </summary>
public sealed record Announcement(string ProjectId, string Title, IReadOnlyList<string> Recipients, Func<Localizer, AdaptiveCard> Card)
{
    /// <summary>The run key: one announcement per project.</summary>
    public string Key => KeyOf(ProjectId);

    /// <summary>When the project opened: the run's quarter, so whoever starts the announcement claims the same run.</summary>
    public DateTimeOffset? OpenedAt { get; init; }

    public static string KeyOf(string projectId) => "announce-" + projectId;

    public void AddTo(TurnResult result) => result.BroadcastTo(Key, Title, Recipients, Card, OpenedAt);
}

/// <summary>
/// Who hears of an approved project (R5, R7): a centralised one goes to every registered volunteer, a
/// branch-organised one to the volunteers of its divisions. The card is built per language: each volunteer reads it in
/// their own.
/// </summary>
public sealed class ProjectAnnouncer(ProjectContext ctx)
{
    public async Task<Announcement> BuildAsync(Project p, CancellationToken ct)
    {
        var recipients = new List<string>();
        if (p.Organiser == OrganiserType.Centralised)
        {
            recipients.AddRange((await ctx.Volunteers.ListAllAsync(ct).ConfigureAwait(false)).Select(v => v.AadObjectId));
        }
        else
        {
            foreach (var division in p.AllDivisionIds)
            {
                recipients.AddRange((await ctx.Volunteers.ListByDivisionAsync(division, ct).ConfigureAwait(false)).Select(v => v.AadObjectId));
            }
        }

        var names = await ctx.DivisionNamesAsync(ct).ConfigureAwait(false);
        var (zone, now) = (ctx.Zone, ctx.Now);
        AdaptiveCard Card(Localizer L) => ProjectCards.Detail(L, p, names, zone, now, null, new SignUpCounts(0, 0), notice: L["projects.announce.intro"]);
        return new Announcement(p.Id, p.Title, recipients.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), Card) { OpenedAt = p.AnnouncedAt };
    }
}

/// <summary>Notices to other people about a project: the committee's review card, outcomes for liaisons.</summary>
public static class ProjectNotices
{
    public static Localizer DefaultLocalizer(ProjectContext ctx) => Localizer.For(LanguageCodes.Parse(ctx.DefaultLanguage) ?? Language.ZhCn);

    /// <summary>Sends the review card to every committee member (one card each, kept current by refresh).</summary>
    public static async Task NotifyCommitteeAsync(ProjectContext ctx, Project p, TurnResult result, CancellationToken ct)
    {
        var names = await ctx.DivisionNamesAsync(ct).ConfigureAwait(false);
        var now = ctx.Now;
        var committee = await ctx.CommitteeAsync(ct).ConfigureAwait(false);
        foreach (var member in committee)
        {
            result.Notify(member, L => ProjectCards.Review(L, p, names, ctx.Zone, now, committee), $"project.review:{p.Id}:{p.FiledAt.UtcTicks}:{member}");
        }
    }

    /// <summary>Tells the filer and the lead division's liaisons (not the person acting) a text.</summary>
    public static async Task NotifyLiaisonsAsync(ProjectContext ctx, Project p, string actingAadObjectId, Func<Localizer, string> text, string dedupe, TurnResult result, CancellationToken ct)
    {
        var liaisons = await ctx.LiaisonsOfAsync([p.DivisionId], ct).ConfigureAwait(false);
        foreach (var id in liaisons.Append(p.FiledByAadObjectId).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!string.Equals(id, actingAadObjectId, StringComparison.OrdinalIgnoreCase))
            {
                result.Notify(id, text, $"{dedupe}:{id}");
            }
        }
    }
}
