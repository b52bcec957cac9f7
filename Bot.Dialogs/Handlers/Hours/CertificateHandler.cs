using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>
/// 志愿服务证明 / certificate: a volunteer asks for a certificate of their confirmed service in a period and gets an
/// expiring PDF link; each certificate is numbered and logged. A double tap on the same card gives the same certificate.
/// </summary>
public sealed class CertificateHandler(HoursContext context, IServiceRecordStore records, IDocumentService documents) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Volunteer, ["志愿服务证明", "服务证明", "certificate"], HoursVerbs.CertificateOpen, HoursVerbs.CertificateSubmit).PersonalOnly().RateLimited("certificate");

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var volunteer = await context.Volunteers.GetAsync(turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        if (volunteer is null)
        {
            return Refusal.For(turn, Role.Volunteer);
        }

        var today = context.Today;
        if (turn.Verb != HoursVerbs.CertificateSubmit)
        {
            var values = new CardData(new Dictionary<string, string>
            {
                [HoursCards.From] = HoursText.Date(new DateOnly(today.Year, 1, 1)),
                [HoursCards.To] = HoursText.Date(today),
            });
            var form = HoursCards.CertificateForm(L, values, Guid.NewGuid().ToString("N"));
            return TurnResult.Answer(turn, form);
        }

        var requestId = turn.Data.Get(HoursCards.Request) ?? turn.ActivityId;
        var (from, to, errors) = Periods.Read(turn.Data, today);
        var confirmed = new List<ServiceRecord>();
        if (errors.Count == 0)
        {
            confirmed = (await records.ListByVolunteerAsync(volunteer.AadObjectId, from, cancellationToken).ConfigureAwait(false))
                .Where(r => r.Date <= to && r.Status == RecordStatus.Confirmed).OrderBy(r => r.Date).ToList();
            if (confirmed.Count == 0)
            {
                errors[HoursCards.To] = "hours.error.certificate.none";
            }
        }

        if (errors.Count > 0)
        {
            return TurnResult.Replace(HoursCards.CertificateForm(L, turn.Data, requestId, errors));
        }

        var names = await context.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        var total = confirmed.Sum(r => r.Hours);
        var content = new CertificateContent(volunteer.AadObjectId, volunteer.Name, volunteer.NationalVolunteerId,
            names.GetValueOrDefault(volunteer.DivisionId, volunteer.DivisionId), from, to, total,
            confirmed.Select(r => new CertificateLine(r.Date, r.ProjectTitle, r.Hours)).ToList(), today);
        var issued = await documents.IssueCertificateAsync(content, requestId, cancellationToken).ConfigureAwait(false);
        return TurnResult.Replace(HoursCards.CertificateIssued(L, issued, total, from, to, context.Format(L)));
    }
}

/// <summary>Reads a from–to period from a card: both dates, from ≤ to, not in the future, at most 3 years.</summary>
internal static class Periods
{
    public static (DateOnly From, DateOnly To, Dictionary<string, string> Errors) Read(CardData data, DateOnly today)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var from = data.GetDate(HoursCards.From);
        var to = data.GetDate(HoursCards.To);
        if (from is null)
        {
            errors[HoursCards.From] = "hours.error.date.missing";
        }

        if (to is null)
        {
            errors[HoursCards.To] = "hours.error.date.missing";
        }
        else if (to > today)
        {
            errors[HoursCards.To] = "hours.error.date.future";
        }

        if (from is not null && to is not null && from > to)
        {
            errors[HoursCards.From] = "hours.error.period.order";
        }
        else if (from is not null && to is not null && to.Value.DayNumber - from.Value.DayNumber > 366 * 3)
        {
            errors[HoursCards.From] = "hours.error.period.long";
        }

        return (from ?? today, to ?? today, errors);
    }
}
