using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Audit;
using VolunteerBot.Dialogs.Domain.Privacy;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Privacy;

/// <summary>
/// 注销志愿者 / leave volunteering: the volunteer reads what happens and asks; the committee gets a card to confirm
/// (composed in each member's language, through the durable send path). The request and the confirmation go to the
/// audit trail, which is also where pending requests are read from.
/// </summary>
public sealed class LeaveHandler(PrivacyContext ctx) : ITurnHandler
{
    public const string RequestVerb = "privacy.erase.request";
    public const string ConfirmVerb = "privacy.erase.confirm";

    public Route Route { get; } = Route.For(Role.Volunteer, ["注销志愿者", "注销", "退出志愿者", "leave volunteering", "delete my data"], RequestVerb).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var me = turn.User.AadObjectId;
        var profile = await ctx.Volunteers.GetAsync(me, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            return Reply(turn, new AdaptiveCard().Title(L["privacy.erase.title"]).Text(L["privacy.erase.notRegistered"]));
        }

        var pending = await PendingAsync(ctx, cancellationToken).ConfigureAwait(false);
        if (pending.FirstOrDefault(e => e.Target == me) is { } already)
        {
            return Reply(turn, new AdaptiveCard().Title(L["privacy.erase.title"]).Text(L.Format("privacy.erase.alreadyRequested", ctx.Format(already.At))));
        }

        if (turn.Verb != RequestVerb)
        {
            return Reply(turn, new AdaptiveCard().Title(L["privacy.erase.title"]).Text(L["privacy.erase.explain"])
                .Action(Act.Execute(L["privacy.erase.request"], RequestVerb, style: "destructive")));
        }

        var at = ctx.Now;
        await ctx.Audit.AddAsync(new AuditEvent(at, me, turn.User.Name, PrivacyAudit.EraseRequested, me, profile.DivisionId), cancellationToken).ConfigureAwait(false);
        var divisions = await ctx.Divisions.ListAsync(includeArchived: true, cancellationToken).ConfigureAwait(false);
        var division = divisions.FirstOrDefault(d => d.Id == profile.DivisionId)?.Name ?? "";
        var result = Reply(turn, new AdaptiveCard().Title(L["privacy.erase.title"]).Text(L["privacy.erase.requested"]));
        foreach (var member in await ctx.CommitteeAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Notify(member, ML => ReviewCard(ML, me, profile.Name, division, ctx.Format(at)), $"privacy-erase:{me}:{at.UtcTicks}:{member}");
        }

        return result;
    }

    /// <summary>The committee's card: who asked, what confirming does, one button.</summary>
    public static AdaptiveCard ReviewCard(Localization.Localizer L, string aadObjectId, string name, string division, string when) => new AdaptiveCard()
        .Title(L.Format("privacy.erase.reviewTitle", Markdown.Escape(name)))
        .Text(L.Format("privacy.erase.reviewBody", Markdown.Escape(name), Markdown.Escape(division), when))
        .Action(Act.Execute(L["privacy.erase.confirm"], ConfirmVerb, Act.Data(("volunteer", aadObjectId)), style: "destructive"));

    /// <summary>Requests with no erasure after them, newest first (from the audit trail).</summary>
    public static async Task<IReadOnlyList<AuditEvent>> PendingAsync(PrivacyContext ctx, CancellationToken ct)
    {
        var events = await ctx.Audit.ListAsync("privacy.erase", 500, ct).ConfigureAwait(false);
        var done = events.Where(e => e.Action != PrivacyAudit.EraseRequested).Select(e => e.Target).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. events.Where(e => e.Action == PrivacyAudit.EraseRequested && !done.Contains(e.Target)).DistinctBy(e => e.Target)];
    }

    private static TurnResult Reply(Turn turn, AdaptiveCard card) => turn.IsInvoke ? TurnResult.Replace(card) : TurnResult.Show(card);
}

/// <summary>注销申请 / leave requests (committee): the pending requests, and the confirmation that erases.</summary>
public sealed class LeaveReviewHandler(PrivacyContext ctx) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["注销申请", "leave requests"], LeaveHandler.ConfirmVerb).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        if (turn.Verb == LeaveHandler.ConfirmVerb && turn.Data.Get("volunteer") is { Length: > 0 } who)
        {
            var profile = await ctx.Volunteers.GetAsync(who, cancellationToken).ConfigureAwait(false);
            var erased = await ctx.EraseAsync(who, turn.User.AadObjectId, turn.User.Name, PrivacyAudit.Erased, cancellationToken).ConfigureAwait(false);
            if (!erased.Erased)
            {
                return TurnResult.Replace(new AdaptiveCard().Title(L["privacy.erase.title"]).Text(L["privacy.erase.alreadyDone"]));
            }

            var done = TurnResult.Replace(new AdaptiveCard().Title(L["privacy.erase.title"])
                .Text(L.Format("privacy.erase.done", Markdown.Escape(profile?.Name ?? who), erased.FieldsErased, erased.SignUpsCancelled, erased.RecordsKept)));
            // The last message they get: composed in their language, through the durable path.
            done.Notify(who, VL => new AdaptiveCard().Title(VL["privacy.erase.title"]).Text(VL["privacy.erase.notice"]), $"privacy-erased:{who}");
            return done;
        }

        var pending = await LeaveHandler.PendingAsync(ctx, cancellationToken).ConfigureAwait(false);
        var card = new AdaptiveCard().Title(L["privacy.erase.list"]);
        if (pending.Count == 0)
        {
            card.Text(L["privacy.erase.none"]);
        }

        foreach (var e in pending.Take(10))
        {
            card.Add(El.Container(
            [
                El.Text(Markdown.Escape(e.ActorName) + " · " + ctx.Format(e.At), bold: true),
                El.Actions(Act.Execute(L["privacy.erase.confirm"], LeaveHandler.ConfirmVerb, Act.Data(("volunteer", e.Target)), style: "destructive")),
            ], separator: true));
        }

        return turn.IsInvoke ? TurnResult.Replace(card) : TurnResult.Show(card);
    }
}
