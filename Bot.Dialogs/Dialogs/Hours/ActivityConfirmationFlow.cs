using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Dialogs.Hours;

/// <summary>The outcome of confirming an activity: counts for the card, and the volunteers to tell.</summary>
public sealed record ActivityConfirmed(int Confirmed, int Absent, decimal Hours, int Changed, IReadOnlyList<ServiceRecord> Rejected);

/// <summary>
/// The liaison's card for one completed activity (谁记录谁证明): every volunteer with a confirmed seat, whether they
/// attended, their hours and the quality of service; one submit confirms all. The record's date is the activity's
/// first day (Asia/Shanghai). Used by the card handler and by the reminder that sends the card after the activity.
/// </summary>
public sealed class ActivityConfirmationFlow(HoursContext context, IServiceRecordStore records, IActivityConfirmationStore confirmations, IPointsRulesStore rules)
{
    public DateOnly RecordDate(Project p) => context.LocalDate(p.Start);

    public async Task<IReadOnlyList<SignUp>> SeatsAsync(Project p, CancellationToken ct) =>
        (await context.SignUps.ListByProjectAsync(p.Id, ct).ConfigureAwait(false)).Where(s => s.Status == SignUpStatus.Confirmed).OrderBy(s => s.Sequence).ToList();

    public async Task<AdaptiveCard> CardAsync(Localizer L, Project p, string? viewerAadObjectId, CardData? values, IReadOnlyDictionary<string, string>? errors, string? message, CancellationToken ct)
    {
        var seats = await SeatsAsync(p, ct).ConfigureAwait(false);
        var date = RecordDate(p);
        var existing = await Task.WhenAll(seats.Select(s => records.GetAsync(s.VolunteerAadObjectId, ServiceRecord.IdOf(date, p.Id), ct))).ConfigureAwait(false);
        var defaultHours = HoursRules.Format(HoursRules.DefaultFor(p.Start, p.End));
        var rows = seats.Select((s, i) =>
        {
            var r = existing[i];
            var attended = values is null ? r is null || r.Status != RecordStatus.Rejected : values.GetBool(HoursAdminCards.Attended(i));
            var hours = values?.Raw(HoursAdminCards.HoursOf(i)) is { Length: > 0 } typed ? typed : r is null ? defaultHours : HoursRules.Format(r.Hours);
            var quality = values?.Get(HoursAdminCards.QualityOf(i)) ?? r?.Quality?.ToString() ?? nameof(ServiceQuality.Good);
            var self = string.Equals(s.VolunteerAadObjectId, viewerAadObjectId, StringComparison.OrdinalIgnoreCase);
            return new ConfirmationRow(s.VolunteerAadObjectId, s.VolunteerName, r, attended, hours, quality, self);
        }).ToList();
        var state = await confirmations.GetAsync(p.Id, ct).ConfigureAwait(false);
        var status = state.ConfirmedAt is { } at
            ? L.Format("hours.activity.confirmedBy", state.ConfirmedByName ?? "", context.Format(at))
            : L.Format("hours.activity.deadline", HoursContext.Format(WorkingDays.Deadline(context.LocalDate(p.End))));
        var when = $"{context.Format(p.Start)} – {context.Format(p.End)} · {p.Place}";
        return HoursAdminCards.Activity(L, p.Id, p.Title, when, status, rows, errors, message);
    }

    /// <summary>Reads every line of the submitted card; errors are keyed by the line's hours field.</summary>
    public async Task<(ActivityConfirmed? Done, Dictionary<string, string> Errors)> ConfirmAsync(Localizer L, Project p, CardData data, Actor by, CancellationToken ct)
    {
        var seats = await SeatsAsync(p, ct).ConfigureAwait(false);
        var submittedIds = data.GetList(HoursAdminCards.Ids);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new List<(SignUp Seat, bool Attended, decimal Hours, ServiceQuality Quality)>();
        for (var i = 0; i < submittedIds.Count; i++)
        {
            var seat = seats.FirstOrDefault(s => s.VolunteerAadObjectId == submittedIds[i]);
            if (seat is null || string.Equals(seat.VolunteerAadObjectId, by.AadObjectId, StringComparison.OrdinalIgnoreCase))
            {
                continue; // not (or no longer) signed up, or the liaison's own line: nobody confirms their own record
            }

            var attended = data.GetBool(HoursAdminCards.Attended(i));
            var hours = HoursRules.Parse(data.Get(HoursAdminCards.HoursOf(i)));
            if (attended && HoursRules.CheckHours(hours) is { } error)
            {
                errors[HoursAdminCards.HoursOf(i)] = error;
                continue;
            }

            lines.Add((seat, attended, hours ?? 0, HoursContext.ParseQuality(data.Get(HoursAdminCards.QualityOf(i))) ?? ServiceQuality.Fair));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var points = await rules.GetAsync(ct).ConfigureAwait(false);
        var date = RecordDate(p);
        var now = context.Now;
        int confirmed = 0, absent = 0, changed = 0;
        decimal total = 0;
        var rejected = new List<ServiceRecord>();
        var reason = L["hours.activity.absentReason"];
        foreach (var (seat, attended, hours, quality) in lines)
        {
            var id = ServiceRecord.IdOf(date, p.Id);
            if (attended)
            {
                var sameDay = (await records.ListByVolunteerAsync(seat.VolunteerAadObjectId, date, ct).ConfigureAwait(false)).Where(r => r.Date == date);
                if (!HoursRules.FitsDay(hours, sameDay, id))
                {
                    errors[HoursAdminCards.HoursOf(submittedIds.ToList().IndexOf(seat.VolunteerAadObjectId))] = "hours.error.hours.day";
                    continue;
                }
            }

            var division = seat.DivisionId;
            var write = await records.ApplyAsync(seat.VolunteerAadObjectId, id, before =>
            {
                if (!attended)
                {
                    return before is null ? null : RecordRules.Reject(before, reason, by, now);
                }

                var basis = before ?? NewRecord(p, seat, division, date, hours, by, now);
                return RecordRules.Confirm(basis, hours, quality, points, by, now);
            }, ct).ConfigureAwait(false);
            changed += write.Changed ? 1 : 0;
            if (attended)
            {
                confirmed++;
                total += hours;
            }
            else if (write.After is not null)
            {
                absent++;
                if (write.Changed)
                {
                    rejected.Add(write.After);
                }
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        await confirmations.MarkConfirmedAsync(p.Id, by, now, ct).ConfigureAwait(false);
        return (new ActivityConfirmed(confirmed, absent, total, changed, rejected), errors);
    }

    private ServiceRecord NewRecord(Project p, SignUp seat, string division, DateOnly date, decimal hours, Actor by, DateTimeOffset now) => new()
    {
        VolunteerAadObjectId = seat.VolunteerAadObjectId,
        VolunteerName = seat.VolunteerName,
        DivisionId = division,
        ProjectId = p.Id,
        ProjectTitle = p.Title,
        OrganiserDivisionIds = p.AllDivisionIds,
        IsCentralised = p.Organiser == OrganiserType.Centralised,
        DeclarationNumber = p.DeclarationNumber,
        Place = p.Place,
        Content = p.Title,
        Date = date,
        Hours = hours,
        Status = RecordStatus.Pending,
        Source = RecordSource.Liaison,
        LoggedByAadObjectId = by.AadObjectId,
        LoggedAt = now,
        Revision = 0,
    };

    /// <summary>Who receives the card: the liaisons of the lead division, else of the joint ones; the committee when none.</summary>
    public static IReadOnlyList<string> Recipients(Project p, IReadOnlyList<Domain.Team.Division> divisions, IReadOnlyList<string> committee)
    {
        foreach (var id in p.AllDivisionIds)
        {
            var liaisons = divisions.FirstOrDefault(d => d.Id == id)?.LiaisonAadObjectIds ?? [];
            if (liaisons.Count > 0)
            {
                return liaisons;
            }
        }

        return committee;
    }

    public static bool MayConfirm(Routing.UserRoles roles, Project p) => roles.IsCommittee || p.AllDivisionIds.Any(roles.LiaisonOfDivisions.Contains);
}
