using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Dialogs.Cards;

namespace VolunteerBot.Dialogs.Handlers.Reminders;

/// <summary>提醒进度 / reminder status: the latest (or a given) run's progress and outcome, committee only.</summary>
public sealed class ReminderStatusHandler(IReminderRuns runs, IOptions<VolunteeringOptions> options) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["提醒进度", "reminder status"], ReminderVerbs.ReminderStatus).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var summary = await runs.GetAsync(turn.Data.Get("runId"), cancellationToken).ConfigureAwait(false);
        if (summary is null)
        {
            return TurnResult.Say(turn.L["reminder.status.none"]);
        }

        var card = ReminderCards.Status(turn.L, summary, options.Value.Zone);
        return TurnResult.Answer(turn, card);
    }
}

/// <summary>重发失败: puts a run's failed recipients back in the queue and shows the refreshed progress.</summary>
public sealed class ReminderResendHandler(IReminderRuns runs, IOptions<VolunteeringOptions> options) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, [], ReminderVerbs.ReminderResend).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var runId = turn.Data.Get("runId");
        if (runId is null || await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false) is null)
        {
            return TurnResult.Say(turn.L["reminder.status.none"]);
        }

        var count = await runs.ResendFailedAsync(runId, cancellationToken).ConfigureAwait(false);
        var summary = (await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false))!;
        var card = ReminderCards.Status(turn.L, summary, options.Value.Zone, turn.L.Format("reminder.resend.done", count));
        return TurnResult.Answer(turn, card);
    }
}

/// <summary>立即提醒 / run reminders: starts a reminder run now (committee only); the fan-out runs in the background.</summary>
public sealed class ReminderRunNowHandler(IReminderRuns runs) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["立即提醒", "run reminders"]).RateLimited("reminders");

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var start = await runs.StartNowAsync(turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        return TurnResult.Say(turn.L[start.Started ? "reminder.runNow.started" : "reminder.runNow.already"]);
    }
}
