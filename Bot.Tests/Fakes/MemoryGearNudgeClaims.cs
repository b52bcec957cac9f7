using VolunteerBot.Dialogs.Domain.Gear;

namespace VolunteerBot.Tests.Fakes;

/// <summary>The one in-memory IGearNudgeClaims (unit tests only); runs the same contract suite as GearNudgeClaimTableStore.</summary>
public sealed class MemoryGearNudgeClaims : IGearNudgeClaims
{
    private readonly HashSet<(string Loan, string Stage)> _claims = [];

    public Task<bool> TryClaimAsync(string loanId, string stageKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_claims)
        {
            return Task.FromResult(_claims.Add((loanId, stageKey)));
        }
    }
}
