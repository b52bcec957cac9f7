using VolunteerBot.Dialogs.Localization;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Audit;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Privacy;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Domain.Training;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Handlers.Privacy;

/// <summary>What erasing a person did.</summary>
public sealed record ErasureResult(bool Erased, int FieldsErased, int SignUpsCancelled, int RecordsKept, int NamesErased = 0);

/// <summary>
/// Personal-information handling (PIPL): gathering everything held about a person (导出我的数据) and erasing a
/// volunteer (注销志愿者, and roster leavers after the grace period). Every step goes to the audit trail.
/// </summary>
public sealed class PrivacyContext(
    IVolunteerStore volunteers,
    IDivisionStore divisions,
    IStaffStore staff,
    IProjectStore projects,
    ISignUpStore signUps,
    IServiceRecordStore records,
    IFeedbackStore feedback,
    ITrainingStore trainings,
    IGearStore gear,
    IAuditTrail audit,
    TimeProvider time,
    IOptions<VolunteeringOptions> options,
    Team.CommitteeDirectory? committee = null)
{
    private readonly Team.CommitteeDirectory _committee = committee ?? new Team.CommitteeDirectory(options, time);

    public IVolunteerStore Volunteers { get; } = volunteers;
    public IDivisionStore Divisions { get; } = divisions;
    public IStaffStore Staff { get; } = staff;
    public IAuditTrail Audit { get; } = audit;
    public DateTimeOffset Now => time.GetUtcNow();
    public TimeZoneInfo Zone => options.Value.Zone;
    /// <summary>Every committee member (configuration and added in chat): recipients of the committee's notices.</summary>
    public Task<IReadOnlyList<string>> CommitteeAsync(CancellationToken ct) => _committee.AllIdsAsync(ct);

    /// <summary>A local time to the minute in the reader's pattern (Resources/&lt;lang&gt;/format.json).</summary>
    public string Format(Localizer L, DateTimeOffset at) => L.DateTime(TimeZoneInfo.ConvertTime(at, Zone));

    public async Task<PersonalData> GatherAsync(string aadObjectId, CancellationToken ct)
    {
        var profile = await Volunteers.GetAsync(aadObjectId, ct).ConfigureAwait(false);
        var memberships = profile is null ? [] : await Volunteers.GetMembershipsAsync(aadObjectId, ct).ConfigureAwait(false);
        var lines = new List<SignUpLine>();
        foreach (var s in await signUps.ListByVolunteerAsync(aadObjectId, ct).ConfigureAwait(false))
        {
            var p = await projects.GetAsync(s.ProjectId, ct).ConfigureAwait(false);
            lines.Add(new SignUpLine(s, p?.Title ?? s.ProjectId, p?.Start));
        }

        var loans = await LoansOfAsync(aadObjectId, ct).ConfigureAwait(false);
        return new PersonalData
        {
            AadObjectId = aadObjectId,
            Profile = profile,
            Memberships = memberships,
            SignUps = lines,
            Records = await records.ListByVolunteerAsync(aadObjectId, null, ct).ConfigureAwait(false),
            Balance = await records.GetBalanceAsync(aadObjectId, ct).ConfigureAwait(false),
            Exchanges = await records.ListExchangesAsync(aadObjectId, ct).ConfigureAwait(false),
            Feedback = await feedback.ListByVolunteerAsync(aadObjectId, ct).ConfigureAwait(false),
            Trainings = await trainings.ListForVolunteerAsync(aadObjectId, ct).ConfigureAwait(false),
            GearLoans = loans,
        };
    }

    /// <summary>Gear loans the person holds or held, open and closed, oldest request first.</summary>
    private async Task<List<GearLoan>> LoansOfAsync(string aadObjectId, CancellationToken ct)
    {
        var open = await gear.ListOpenAsync(ct).ConfigureAwait(false);
        var closed = await gear.ListClosedAsync(ct).ConfigureAwait(false);
        return [.. open.Concat(closed)
            .Where(l => string.Equals(l.RequestedByAadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase))
            .OrderBy(l => l.RequestedAt)];
    }

    /// <summary>
    /// The name goes from sign-ups, feedback, training attendance and gear loans (the rows stay, so counts and
    /// everyone else's history hold; <see cref="PrivacyAudit.ErasedName"/> takes its place). Returns how many rows changed.
    /// </summary>
    private async Task<int> EraseNameAsync(string aadObjectId, CancellationToken ct)
    {
        var changed = await signUps.EraseNameAsync(aadObjectId, PrivacyAudit.ErasedName, ct).ConfigureAwait(false);
        changed += await feedback.EraseNameAsync(aadObjectId, PrivacyAudit.ErasedName, ct).ConfigureAwait(false);
        foreach (var attended in await trainings.ListForVolunteerAsync(aadObjectId, ct).ConfigureAwait(false))
        {
            if (await trainings.GetAsync(attended.SessionId, ct).ConfigureAwait(false) is { } session
                && session.Attendees.Any(a => string.Equals(a.AadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase) && a.Name != PrivacyAudit.ErasedName))
            {
                await trainings.SaveAsync(session with
                {
                    Attendees = [.. session.Attendees.Select(a => string.Equals(a.AadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase) ? a with { Name = PrivacyAudit.ErasedName } : a)],
                }, ct).ConfigureAwait(false);
                changed++;
            }
        }

        foreach (var loan in await LoansOfAsync(aadObjectId, ct).ConfigureAwait(false))
        {
            var change = await gear.UpdateLoanAsync(loan.Id, l => GearRules.EraseName(l, aadObjectId, PrivacyAudit.ErasedName), ct).ConfigureAwait(false);
            changed += change.Changed ? 1 : 0;
        }

        return changed;
    }

    /// <summary>
    /// Erases a volunteer: sign-ups for activities not yet started are cancelled (so places go to the waitlist),
    /// liaison appointments end, the name goes from sign-ups, feedback, training attendance and gear loans, the profile (name, mobile, national id, community) and its roster index go, and the
    /// staff row is stamped so no invitation or message reaches them again. Service records — with the name — stay
    /// (《志愿服务记录与证明出具办法》). Idempotent: erasing again finds no profile and changes nothing.
    /// </summary>
    public async Task<ErasureResult> EraseAsync(string aadObjectId, string actorAadObjectId, string actorName, string action, CancellationToken ct)
    {
        var profile = await Volunteers.GetAsync(aadObjectId, ct).ConfigureAwait(false);
        var kept = (await records.ListByVolunteerAsync(aadObjectId, null, ct).ConfigureAwait(false)).Count;
        if (profile is null)
        {
            return new ErasureResult(false, 0, 0, kept);
        }

        var now = Now;
        var cancelled = 0;
        foreach (var s in await signUps.ListByVolunteerAsync(aadObjectId, ct).ConfigureAwait(false))
        {
            if (s.Status is SignUpStatus.Confirmed or SignUpStatus.Waitlisted
                && await projects.GetAsync(s.ProjectId, ct).ConfigureAwait(false) is { } p && p.Start > now)
            {
                await signUps.CancelAsync(p.Id, aadObjectId, p.Capacity, now, ct).ConfigureAwait(false);
                cancelled++;
            }
        }

        foreach (var d in await Divisions.ListAsync(includeArchived: true, ct).ConfigureAwait(false))
        {
            if (d.IsLiaison(aadObjectId))
            {
                await Divisions.RemoveLiaisonAsync(d.Id, aadObjectId, ct).ConfigureAwait(false);
            }
        }

        var names = await EraseNameAsync(aadObjectId, ct).ConfigureAwait(false);
        var fields = 1 + (profile.Mobile is null ? 0 : 1) + (profile.NationalVolunteerId is null ? 0 : 1) + (profile.Community is null ? 0 : 1);
        await Volunteers.EraseAsync(aadObjectId, ct).ConfigureAwait(false);
        await Staff.MarkOptedOutAsync(aadObjectId, now, ct).ConfigureAwait(false);
        await Audit.AddAsync(new AuditEvent(now, actorAadObjectId, actorName, action, aadObjectId,
            $"fields={fields};signUpsCancelled={cancelled};namesErased={names};recordsKept={kept}"), ct).ConfigureAwait(false);
        return new ErasureResult(true, fields, cancelled, kept, names);
    }

    /// <summary>
    /// Roster leavers (<see cref="StaffRecord.LeftAt"/>) whose grace period has passed and who still have a profile are
    /// erased the same way, by the system. Returns who was erased.
    /// </summary>
    public async Task<IReadOnlyList<string>> OffboardLeaversAsync(TimeSpan grace, CancellationToken ct)
    {
        var done = new List<string>();
        foreach (var s in await Staff.ListAsync(ct).ConfigureAwait(false))
        {
            if (s.LeftAt is { } left && left + grace <= Now && s.OptedOutAt is null
                && (await EraseAsync(s.AadObjectId, "system", "system", PrivacyAudit.LeaverOffboarded, ct).ConfigureAwait(false)).Erased)
            {
                done.Add(s.AadObjectId);
            }
        }

        return done;
    }
}
