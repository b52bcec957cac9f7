using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Training;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Training;

/// <summary>我的培训 / my training: a volunteer's own training record, with training hours kept apart from service hours.</summary>
public sealed class MyTrainingHandler(ITrainingReader trainings) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Volunteer, ["我的培训", "my training", "my trainings"], TrainingVerbs.Mine).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var list = await trainings.ListForVolunteerAsync(turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        return TurnResult.Replace(TrainingCards.Mine(turn.L, list));
    }
}
