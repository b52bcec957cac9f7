using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Handlers.Reminders;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Tests.Team;

namespace VolunteerBot.Tests.Delivery;

/// <summary>The roster's leavers and invitations as the digest counts them (in-memory stores: pure rules).</summary>
public sealed class StaffRosterTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _ct = CancellationToken.None;

    [Fact]
    public async Task Import_MemberGoneFromEveryTeam_LeftAndOutOfDigestButInOtherTeamStays()
    {
        var staff = new MemoryStaffStore();
        var volunteers = new MemoryVolunteerStore();
        await staff.ImportAsync("t1", [new("a", "甲", null, "29:a", "tenant"), new("b", "乙", null, "29:b", "tenant"), new("c", "丙", null)], At, _ct);
        await staff.ImportAsync("t2", [new("c", "丙", null)], At, _ct);
        foreach (var id in new[] { "a", "b", "c" })
        {
            await volunteers.SaveAsync(new VolunteerProfile(id, id, "d1", false, null, null), At, DateOnly.FromDateTime(At.UtcDateTime), _ct);
        }

        var again = await staff.ImportAsync("t1", [new("a", "甲", null, "29:a", "tenant")], At.AddDays(30), _ct);

        Assert.Equal(new StaffImportResult(1, 0, Active: 2, Left: 1), again); // b left; c is still in t2
        Assert.Equal(At.AddDays(30), (await staff.GetAsync("b", _ct))!.LeftAt);
        Assert.True((await staff.GetAsync("c", _ct))!.IsActive);
        Assert.Equal("29:a", (await staff.GetAsync("a", _ct))!.TeamsUserId);
        Assert.Equal("t1", (await staff.GetAsync("a", _ct))!.TeamId);

        var input = await new DigestSource(volunteers, new MemoryDivisionStore(), staff, Options.Create(new VolunteeringOptions()))
            .GatherAsync(Quarter.Of(new DateOnly(2026, 11, 2)), At.AddDays(30), _ct);
        var digest = DigestCalculator.Compute(input);

        Assert.Equal(2, digest.RegisteredVolunteers); // b's records stay, b leaves the denominator
        Assert.DoesNotContain(input.Volunteers, v => v.AadObjectId == "b");
        Assert.DoesNotContain(DigestCalculator.VolunteersToRemind(input), v => v.AadObjectId == "b");

        // Back in the team: active again.
        await staff.ImportAsync("t1", [new("a", "甲", null), new("b", "乙", null)], At.AddDays(31), _ct);
        Assert.True((await staff.GetAsync("b", _ct))!.IsActive);
    }

    [Fact]
    public async Task Digest_InvitedStaff_CountsInvitedAndRegisteredSince()
    {
        var staff = new MemoryStaffStore();
        var volunteers = new MemoryVolunteerStore();
        await staff.ImportAsync("t1", [new("a", "甲", null), new("b", "乙", null), new("c", "丙", null)], At, _ct);
        await staff.MarkInvitedAsync(["a", "b"], At, _ct);
        await volunteers.SaveAsync(new VolunteerProfile("a", "甲", "d1", false, null, null), At.AddDays(2), DateOnly.FromDateTime(At.UtcDateTime), _ct);

        var input = await new DigestSource(volunteers, new MemoryDivisionStore(), staff, Options.Create(new VolunteeringOptions()))
            .GatherAsync(Quarter.Of(new DateOnly(2026, 11, 2)), At.AddDays(3), _ct);
        var digest = DigestCalculator.Compute(input);

        Assert.Equal(2, digest.InvitedStaff);
        Assert.Equal(1, digest.RegisteredSinceInvited);
    }
}
