using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>
/// 积分规则 / points rules (committee, R13): the formula's points per hour and quality factors. New rules apply to
/// records confirmed or corrected from then on; each change is kept with who made it and when.
/// </summary>
public sealed class PointsRulesHandler(HoursContext context, IPointsRulesStore store) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["积分规则", "points rules"], HoursVerbs.RulesOpen, HoursVerbs.RulesSubmit);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var current = await store.GetAsync(cancellationToken).ConfigureAwait(false);
        if (turn.Verb != HoursVerbs.RulesSubmit)
        {
            var form = HoursAdminCards.RulesForm(L, current, null, context.Format(L));
            return TurnResult.Answer(turn, form);
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        decimal Read(string key, decimal max, bool positive)
        {
            var v = turn.Data.GetDecimal(key);
            if (v is null || v < 0 || v > max || (positive && v == 0) || decimal.Round(v.Value, 2) != v)
            {
                errors[key] = positive ? "hours.error.rules.perHour" : "hours.error.rules.factor";
                return 0;
            }

            return v.Value;
        }

        var rules = new PointsRules
        {
            PointsPerHour = Read(HoursAdminCards.PerHour, PointsRules.MaxPerHour, positive: true),
            GoodFactor = Read(HoursAdminCards.Good, PointsRules.MaxFactor, positive: false),
            FairFactor = Read(HoursAdminCards.Fair, PointsRules.MaxFactor, positive: false),
            PoorFactor = Read(HoursAdminCards.Poor, PointsRules.MaxFactor, positive: false),
        };
        if (errors.Count > 0)
        {
            return TurnResult.Replace(HoursAdminCards.RulesForm(L, current, turn.Data, context.Format(L), errors));
        }

        if (rules.PointsPerHour == current.PointsPerHour && rules.GoodFactor == current.GoodFactor && rules.FairFactor == current.FairFactor && rules.PoorFactor == current.PoorFactor)
        {
            return TurnResult.Replace(HoursAdminCards.RulesForm(L, current, null, context.Format(L), message: L["hours.rules.unchanged"]));
        }

        var actor = await context.ActorAsync(turn, cancellationToken).ConfigureAwait(false);
        var saved = rules with { ChangedByAadObjectId = actor.AadObjectId, ChangedByName = actor.Name, ChangedAt = context.Now };
        await store.SaveAsync(saved, cancellationToken).ConfigureAwait(false);
        return TurnResult.Replace(HoursAdminCards.RulesForm(L, saved, null, context.Format(L), message: L["hours.rules.saved"]));
    }
}
