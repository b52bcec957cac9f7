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
    public const string RequestVerb = PrivacyVerbs.EraseRequest;
    public const string ConfirmVerb = PrivacyVerbs.EraseConfirm;

    public Route Route { get; } = Route.For(Role.Volunteer, ["注销志愿者", "注销", "退出志愿者", "leave volunteering", "delete my data"], RequestVerb).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var me = turn.User.AadObjectId;
        var profile = await ctx.Volunteers.GetAsync(me, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            return TurnResult.Answer(turn, PrivacyCards.EraseNote(L, L["privacy.erase.notRegistered"]));
        }

        var pending = await PendingAsync(ctx, cancellationToken).ConfigureAwait(false);
        if (pending.FirstOrDefault(e => e.Target == me) is { } already)
        {
            return TurnResult.Answer(turn, PrivacyCards.EraseNote(L, L.Format("privacy.erase.alreadyRequested", ctx.Format(L, already.At))));
        }

        if (turn.Verb != RequestVerb)
        {
            return TurnResult.Answer(turn, PrivacyCards.EraseExplain(L));
        }

        var at = ctx.Now;
        await ctx.Audit.AddAsync(new AuditEvent(at, me, turn.User.Name, PrivacyAudit.EraseRequested, me, profile.DivisionId), cancellationToken).ConfigureAwait(false);
        var divisions = await ctx.Divisions.ListAsync(includeArchived: true, cancellationToken).ConfigureAwait(false);
        var division = divisions.FirstOrDefault(d => d.Id == profile.DivisionId)?.Name ?? "";
        var result = TurnResult.Answer(turn, PrivacyCards.EraseNote(L, L["privacy.erase.requested"]));
        foreach (var member in await ctx.CommitteeAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Notify(member, ML => PrivacyCards.EraseReview(ML, me, profile.Name, division, ctx.Format(ML, at)), $"privacy-erase:{me}:{at.UtcTicks}:{member}");
        }

        return result;
    }

    /// <summary>Requests with no erasure after them, newest first (from the audit trail).</summary>
    public static async Task<IReadOnlyList<AuditEvent>> PendingAsync(PrivacyContext ctx, CancellationToken ct)
    {
        var events = await ctx.Audit.ListAsync("privacy.erase", 500, ct).ConfigureAwait(false);
        var done = events.Where(e => e.Action != PrivacyAudit.EraseRequested).Select(e => e.Target).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. events.Where(e => e.Action == PrivacyAudit.EraseRequested && !done.Contains(e.Target)).DistinctBy(e => e.Target)];
    }
}

/// <summary>注销申请 / leave requests (committee): the pending requests, and the confirmation that erases.</summary>
public sealed class LeaveReviewHandler(PrivacyContext ctx) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["注销申请", "leave requests"], LeaveHandler.ConfirmVerb).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        if (turn.Verb == LeaveHandler.ConfirmVerb && turn.Data.Get(PrivacyVerbs.VolunteerKey) is { Length: > 0 } who)
        {
            var profile = await ctx.Volunteers.GetAsync(who, cancellationToken).ConfigureAwait(false);
            var erased = await ctx.EraseAsync(who, turn.User.AadObjectId, turn.User.Name, PrivacyAudit.Erased, cancellationToken).ConfigureAwait(false);
            if (!erased.Erased)
            {
                return TurnResult.Replace(PrivacyCards.EraseNote(L, L["privacy.erase.alreadyDone"]));
            }

            var done = TurnResult.Replace(PrivacyCards.EraseNote(L,
                L.Format("privacy.erase.done", Markdown.Escape(profile?.Name ?? who), erased.FieldsErased, erased.SignUpsCancelled, erased.RecordsKept)));
            // The last message they get: composed in their language, through the durable path.
            done.Notify(who, VL => PrivacyCards.EraseNote(VL, VL["privacy.erase.notice"]), $"privacy-erased:{who}");
            return done;
        }

        var pending = await LeaveHandler.PendingAsync(ctx, cancellationToken).ConfigureAwait(false);
        return TurnResult.Answer(turn, PrivacyCards.EraseRequests(L, [.. pending.Select(e => (e.Target, e.ActorName, ctx.Format(L, e.At)))]));
    }
}
