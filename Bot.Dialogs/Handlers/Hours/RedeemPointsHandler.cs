using System.Text.RegularExpressions;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>
/// 积分兑换 / redeem points (committee, R13): records souvenirs or rewards handed out for points. It reduces the
/// volunteer's balance (never below zero) and leaves every service record as it is. Quick form:
/// <c>积分兑换 王芳 50 纪念品</c>. The card's request id makes a double tap record the exchange once.
/// </summary>
public sealed partial class RedeemPointsHandler(HoursContext context, IServiceRecordStore records, IPointsLedgerStore ledger) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["积分兑换", "兑换积分", "redeem points", "redeem"], HoursVerbs.RedeemOpen, HoursVerbs.RedeemSubmit).PersonalOnly();

    [GeneratedRegex(@"^(?<name>\S+)\s+(?<points>\d+)\s*(?:分|points?)?\s*(?<item>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Quick();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        if (turn.Verb != HoursVerbs.RedeemSubmit)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Quick().Match(turn.Arguments) is { Success: true } m)
            {
                values[HoursAdminCards.Name] = m.Groups["name"].Value;
                values[HoursAdminCards.Points] = m.Groups["points"].Value;
                values[HoursAdminCards.Item] = m.Groups["item"].Value.Trim();
            }
            else if (turn.Arguments.Length > 0)
            {
                values[HoursAdminCards.Name] = turn.Arguments;
            }

            var form = HoursAdminCards.RedeemForm(L, new CardData(values), Guid.NewGuid().ToString("N"));
            return TurnResult.Answer(turn, form);
        }

        var data = turn.Data;
        var requestId = data.Get(HoursCards.Request) ?? turn.ActivityId;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = data.Get(HoursAdminCards.Name) ?? "";
        var all = await context.Volunteers.ListAllAsync(cancellationToken).ConfigureAwait(false);
        var matches = all.Where(v => string.Equals(v.Name, name, StringComparison.Ordinal)).ToList();
        var names = await context.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        var choices = matches.Select(v => ($"{v.Name}（{names.GetValueOrDefault(v.DivisionId, v.DivisionId)}）", v.AadObjectId)).ToList();
        var who = matches.Count == 1 ? matches[0] : matches.FirstOrDefault(v => v.AadObjectId == data.Get(HoursAdminCards.Who));
        if (matches.Count == 0)
        {
            errors[HoursAdminCards.Name] = "hours.error.redeem.name";
        }
        else if (who is null)
        {
            errors[HoursAdminCards.Who] = "hours.error.redeem.who";
        }

        var points = data.GetDecimal(HoursAdminCards.Points);
        if (points is null || points <= 0 || points != decimal.Truncate(points.Value) || points > 100000)
        {
            errors[HoursAdminCards.Points] = "hours.error.redeem.points";
        }

        var item = data.Get(HoursAdminCards.Item);
        if (item is null || ProjectRules.Length(item) > 60)
        {
            errors[HoursAdminCards.Item] = "hours.error.redeem.item";
        }

        if (errors.Count == 0)
        {
            var actor = await context.ActorAsync(turn, cancellationToken).ConfigureAwait(false);
            var exchange = new PointsExchange(requestId, who!.AadObjectId, (int)points!.Value, item!, actor.AadObjectId, actor.Name, context.Now);
            var result = await records.RedeemAsync(exchange, cancellationToken).ConfigureAwait(false);
            if (result.Outcome == ExchangeOutcome.Insufficient)
            {
                errors[HoursAdminCards.Points] = L.Format("hours.error.redeem.balance", result.Balance.Balance);
            }
            else
            {
                if (result.Outcome == ExchangeOutcome.AlreadyRecorded)
                {
                    // A replay shows (and copies) what was recorded the first time, not what this tap carried.
                    exchange = (await records.ListExchangesAsync(who.AadObjectId, cancellationToken).ConfigureAwait(false))
                        .FirstOrDefault(x => x.Id == exchange.Id) ?? exchange;
                }

                var card = HoursAdminCards.Redeemed(L, who.Name, exchange, result.Balance.Balance);
                // The ledger copy is written on a replay too (idempotent upsert), so a turn that died after the exchange still lands in it.
                await ledger.RecordAsync(context.LocalDate(exchange.At).Year, new LedgerEntry(exchange, who.Name), cancellationToken).ConfigureAwait(false);
                var reply = TurnResult.Replace(card);
                if (result.Outcome == ExchangeOutcome.Recorded)
                {
                    // Composed in the volunteer's language, not the committee member's.
                    reply.Notify(who.AadObjectId, rl => rl.Format("hours.notify.redeemed", exchange.Item, exchange.Points, result.Balance.Balance), $"hours-redeem-{requestId}");
                }

                return reply;
            }
        }

        return TurnResult.Replace(HoursAdminCards.RedeemForm(L, data, requestId, choices, errors));
    }
}
