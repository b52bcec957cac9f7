using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.CheckIn;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>The outcome of confirming an activity: counts for the card, and the volunteers to tell.</summary>
public sealed record ActivityConfirmed(int Confirmed, int Absent, decimal Hours, int Changed, IReadOnlyList<ServiceRecord> Rejected, int Open);

/// <summary>
/// The liaison's card for one completed activity (谁记录谁证明): every volunteer with a confirmed seat, whether they
/// attended, their hours and the quality of service; one submit confirms all. A list longer than one page
/// (<see cref="PageSize"/>) is confirmed page by page, each page with its own submit. The record's date is the activity's
/// first day (Asia/Shanghai). Used by the card handler and by the reminder that sends the card after the activity.
/// </summary>
public sealed class ActivityConfirmationFlow(HoursContext context, IServiceRecordStore records, IServiceRecordConfirmationStore confirmations, IPointsRulesStore rules,
    ICheckInStore checkIns)
{
    /// <summary>Walk-ins (checked in without a confirmed seat) come after every seat, in check-in order.</summary>
    private const long WalkInSequence = 1_000_000_000L;

    public DateOnly RecordDate(Project p) => context.LocalDate(p.Start);

    /// <summary>
    /// The lines of the card: every confirmed seat, then everyone who checked in at the venue without one (walk-ins,
    /// 现场加入), so the liaison confirms the whole attendance in one tap.
    /// </summary>
    public async Task<IReadOnlyList<SignUp>> SeatsAsync(Project p, CancellationToken ct)
    {
        var attendanceTask = checkIns.ListByProjectAsync(p.Id, ct);
        var seats = (await context.SignUps.ListByProjectAsync(p.Id, ct).ConfigureAwait(false)).Where(s => s.Status == SignUpStatus.Confirmed).OrderBy(s => s.Sequence).ToList();
        var attendance = await attendanceTask.ConfigureAwait(false);
        var seated = seats.Select(s => s.VolunteerAadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var walkIns = attendance.Where(a => !seated.Contains(a.VolunteerAadObjectId)).Select((a, i) => new SignUp
        {
            ProjectId = p.Id, VolunteerAadObjectId = a.VolunteerAadObjectId, VolunteerName = a.VolunteerName, DivisionId = a.DivisionId,
            Status = SignUpStatus.Confirmed, Sequence = WalkInSequence + i, SignedUpAt = a.CheckedInAt, UpdatedAt = a.CheckedInAt,
        });
        return [.. seats, .. walkIns];
    }

    /// <summary>
    /// Lines per page. A line with a long name and its three inputs is about 1 KB of JSON (non-ASCII escaped), so a
    /// page stays far below Teams' ~28 KB activity limit (ActivityConfirmationPagingTests measures it) and fits a phone.
    /// Up to one page, the card is the single "confirm all" card.
    /// </summary>
    public const int PageSize = 12;

    public static int PageCount(int seats) => Math.Max(1, (seats + PageSize - 1) / PageSize);

    /// <summary>The first page with an undecided line (where a liaison left off), else the first page.</summary>
    public async Task<int> StartPageAsync(Project p, string? viewerAadObjectId, CancellationToken ct)
    {
        var seats = await SeatsAsync(p, ct).ConfigureAwait(false);
        var decided = await confirmations.ListDecidedAsync(p.Id, ct).ConfigureAwait(false);
        var first = seats.Select((s, i) => (s, i)).Where(x => !decided.Contains(x.s.VolunteerAadObjectId) && !IsSelf(x.s, viewerAadObjectId)).Select(x => x.i).DefaultIfEmpty(0).First();
        return first / PageSize;
    }

    public async Task<AdaptiveCard> CardAsync(Localizer L, Project p, string? viewerAadObjectId, CardData? values, IReadOnlyDictionary<string, string>? errors, string? message,
        CancellationToken ct, int page = 0, string? warning = null, bool discard = false)
    {
        var seats = await SeatsAsync(p, ct).ConfigureAwait(false);
        var pages = PageCount(seats.Count);
        page = Math.Clamp(page, 0, pages - 1);
        var first = page * PageSize;
        var rows = await RowsAsync(p, seats.Skip(first).Take(PageSize).ToList(), viewerAadObjectId, values, ct, L).ConfigureAwait(false);
        var decidedTask = confirmations.ListDecidedAsync(p.Id, ct);
        var state = await confirmations.GetAsync(p.Id, ct).ConfigureAwait(false);
        var decided = await decidedTask.ConfigureAwait(false);
        var status = state.ConfirmedAt is { } at
            ? L.Format("hours.activity.confirmedBy", state.ConfirmedByName ?? "", context.Format(L, at))
            : L.Format("hours.activity.deadline", L.Date(context.ConfirmationDeadline(context.LocalDate(p.End))));
        var when = L.Joined($"{context.Format(L, p.Start)} – {context.Format(L, p.End)}", p.Place);
        var position = new ConfirmationPage(page, pages, first, seats.Count(s => decided.Contains(s.VolunteerAadObjectId)), seats.Count, discard);
        return HoursAdminCards.Activity(L, p.Id, p.Title, when, status, rows, position, errors, message, warning);
    }

    /// <summary>
    /// True when the submitted inputs of a page differ from what its card showed (stored records, else defaults):
    /// the liaison typed something and tapped 上一页/下一页 instead of 确认本页.
    /// </summary>
    public async Task<bool> HasUnconfirmedEditsAsync(Project p, CardData data, string? viewerAadObjectId, CancellationToken ct)
    {
        var ids = data.GetList(HoursAdminCards.Ids);
        if (ids.Count == 0)
        {
            return false;
        }

        var seats = (await SeatsAsync(p, ct).ConfigureAwait(false)).ToDictionary(s => s.VolunteerAadObjectId, StringComparer.OrdinalIgnoreCase);
        var shown = await RowsAsync(p, ids.Select(id => seats.GetValueOrDefault(id)).OfType<SignUp>().ToList(), viewerAadObjectId, null, ct).ConfigureAwait(false);
        var byId = shown.ToDictionary(r => r.VolunteerAadObjectId, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!byId.TryGetValue(ids[i], out var row) || row.IsSelf || !data.Has(HoursAdminCards.Attended(i)))
            {
                continue;
            }

            var hours = data.Get(HoursAdminCards.HoursOf(i));
            if (data.GetBool(HoursAdminCards.Attended(i)) != row.Attended
                || (hours is not null && HoursRules.Parse(hours) != HoursRules.Parse(row.Hours))
                || (data.Get(HoursAdminCards.QualityOf(i)) is { } q && !string.Equals(q, row.Quality, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The lines as the card shows them. When anyone checked in at the venue, attendance and hours default to the clock:
    /// who did not check in is unticked, a check-in shorter than half an hour too, and walk-ins and 未签退 are marked.
    /// </summary>
    private async Task<List<ConfirmationRow>> RowsAsync(Project p, IReadOnlyList<SignUp> seats, string? viewerAadObjectId, CardData? values, CancellationToken ct,
        Localization.Localizer? L = null)
    {
        var date = RecordDate(p);
        var attendanceTask = checkIns.ListByProjectAsync(p.Id, ct);
        var existing = await Task.WhenAll(seats.Select(s => records.GetAsync(s.VolunteerAadObjectId, ServiceRecord.IdOf(date, p.Id), ct))).ConfigureAwait(false);
        var attendance = (await attendanceTask.ConfigureAwait(false)).ToDictionary(a => a.VolunteerAadObjectId, StringComparer.OrdinalIgnoreCase);
        var byClock = attendance.Count > 0;
        var defaultHours = HoursRules.Format(HoursRules.DefaultFor(p.Start, p.End));
        return seats.Select((s, i) =>
        {
            var r = existing[i];
            var a = attendance.GetValueOrDefault(s.VolunteerAadObjectId);
            var clockHours = a is null ? (decimal?)null : CheckInRules.Hours(p.Start, p.End, a.CheckedInAt, a.CheckedOutAt);
            var attendedByDefault = byClock
                ? a is not null && (r is null ? clockHours > 0 : r.Status != RecordStatus.Rejected && r.Hours > 0)
                : r is null || r.Status != RecordStatus.Rejected;
            var attended = values is null ? attendedByDefault : values.GetBool(HoursAdminCards.Attended(i));
            var hours = values?.Raw(HoursAdminCards.HoursOf(i)) is { Length: > 0 } typed ? typed
                : r is not null ? HoursRules.Format(r.Hours)
                : clockHours is > 0 ? HoursRules.Format(clockHours.Value) : defaultHours;
            var quality = values?.Get(HoursAdminCards.QualityOf(i)) ?? r?.Quality?.ToString() ?? nameof(ServiceQuality.Good);
            var name = s.VolunteerName;
            if (L is not null && a is not null)
            {
                var marks = new List<string>();
                if (a.IsWalkIn)
                {
                    marks.Add(L["checkin.activity.walkIn"]);
                }

                if (a.CheckedOutAt is null && context.Now >= p.End)
                {
                    marks.Add(L["checkin.activity.noCheckOut"]);
                }

                name = marks.Count == 0 ? name : $"{name}（{string.Join("，", marks)}）";
            }

            return new ConfirmationRow(s.VolunteerAadObjectId, name, r, attended, hours, quality, IsSelf(s, viewerAadObjectId));
        }).ToList();
    }

    private static bool IsSelf(SignUp s, string? viewerAadObjectId) => string.Equals(s.VolunteerAadObjectId, viewerAadObjectId, StringComparison.OrdinalIgnoreCase);

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

        await confirmations.MarkDecidedAsync(p.Id, lines.Select(l => l.Seat.VolunteerAadObjectId).ToList(), by, now, ct).ConfigureAwait(false);
        var decided = await confirmations.ListDecidedAsync(p.Id, ct).ConfigureAwait(false);
        var open = seats.Count(s => !decided.Contains(s.VolunteerAadObjectId) && !IsSelf(s, by.AadObjectId));
        if (open == 0)
        {
            await confirmations.MarkConfirmedAsync(p.Id, by, now, ct).ConfigureAwait(false); // every line decided: no more nudges
        }

        return (new ActivityConfirmed(confirmed, absent, total, changed, rejected, open), errors);
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
