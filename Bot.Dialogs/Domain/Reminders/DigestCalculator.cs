namespace VolunteerBot.Dialogs.Domain.Reminders;

/// <summary>
/// The quarterly digest and the division standings as a pure function of a <see cref="DigestInput"/>.
/// Counting rules: an activity counts for every division that leads or joins it; "this quarter" and "this year"
/// are by the activity's date in Asia/Shanghai; participation and average hours use confirmed hours of the year
/// over registered volunteers (R6); a person is "unregistered staff" when imported from a roster but not registered.
/// </summary>
public static class DigestCalculator
{
    public static QuarterlyDigest Compute(DigestInput input)
    {
        var standings = input.Divisions.Select(d => Standing(input, d.Id)!).ToList();
        var activities = input.Activities ?? [];
        var registered = input.Volunteers.Count;
        var volunteerIds = input.Volunteers.Select(v => v.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);

        decimal? participation = null, average = null;
        int? at20 = null;
        if (input.HoursThisYear is { } year)
        {
            var confirmed = input.Volunteers.Select(v => year.TryGetValue(v.AadObjectId, out var h) ? h.Confirmed : 0m).ToList();
            participation = registered == 0 ? 0 : Math.Round((decimal)confirmed.Count(h => h > 0) / registered, 4);
            average = registered == 0 ? 0 : Math.Round(confirmed.Sum() / registered, 2);
            at20 = confirmed.Count(h => h >= DigestTargets.OutstandingHours);
        }

        return new QuarterlyDigest
        {
            Quarter = input.Quarter,
            Divisions = standings,
            HasProjectData = input.Activities is not null,
            ActivitiesThisQuarter = activities.Count(a => input.Quarter.Contains(a.Date)),
            CentralisedThisYear = activities.Count(a => a.Organiser == DigestOrganiser.Centralised && a.Date.Year == input.Quarter.Year),
            BranchThisYear = activities.Count(a => a.Organiser == DigestOrganiser.Branch && a.Date.Year == input.Quarter.Year),
            DivisionsMeetingBranchTarget = standings.Count(s => s.BranchTargetMet),
            RegisteredVolunteers = registered,
            ParticipationRate = participation,
            AverageHours = average,
            VolunteersAt20Hours = at20,
            UnregisteredStaff = input.StaffAadObjectIds.Distinct(StringComparer.OrdinalIgnoreCase).Count(id => !volunteerIds.Contains(id)),
            InvitedStaff = input.InvitedStaff,
            RegisteredSinceInvited = input.RegisteredSinceInvited,
            FilingsAwaitingApproval = input.FilingsAwaitingApproval,
            ApprovedWithoutDeclaration = input.ApprovedWithoutDeclaration,
            DivisionsWithoutLiaison = [.. standings.Where(s => s.HasNoLiaison).Select(s => s.Name).Order(StringComparer.Ordinal)],
        };
    }

    /// <summary>One division's standing (null when the division is unknown).</summary>
    public static DivisionStanding? Standing(DigestInput input, string divisionId)
    {
        var division = input.Divisions.FirstOrDefault(d => d.Id == divisionId);
        if (division is null)
        {
            return null;
        }

        var involved = (input.Activities ?? []).Where(a => a.DivisionIds.Contains(divisionId, StringComparer.Ordinal)).ToList();
        var members = input.Volunteers.Where(v => v.DivisionId == divisionId).ToList();
        return new DivisionStanding
        {
            DivisionId = division.Id,
            Name = division.Name,
            ActivitiesThisQuarter = involved.Count(a => input.Quarter.Contains(a.Date)),
            BranchActivitiesThisYear = involved.Count(a => a.Organiser == DigestOrganiser.Branch && a.Date.Year == input.Quarter.Year),
            Members = members.Count,
            MembersNotServed = input.HoursThisYear is { } year
                ? [.. members.Where(m => !(year.TryGetValue(m.AadObjectId, out var h) && h.HasAny)).Select(m => m.Name).Order(StringComparer.Ordinal)]
                : null,
            AwaitingConfirmation = input.PendingConfirmationsByDivision is { } p ? p.GetValueOrDefault(divisionId) : null,
            GearOut = input.GearOutByDivision is { } g ? g.GetValueOrDefault(divisionId) : null,
            LiaisonCount = division.LiaisonAadObjectIds.Count,
            FeaturedProjects = input.FeaturedByDivision is { } f ? f.GetValueOrDefault(divisionId) : null,
        };
    }

    /// <summary>
    /// Volunteers who get the personal reminder: no confirmed or pending hours this quarter. Without hours data
    /// every registered volunteer is reminded.
    /// </summary>
    public static IReadOnlyList<DigestVolunteer> VolunteersToRemind(DigestInput input) =>
        input.HoursThisQuarter is { } quarter
            ? [.. input.Volunteers.Where(v => !(quarter.TryGetValue(v.AadObjectId, out var h) && h.HasAny))]
            : input.Volunteers;
}
