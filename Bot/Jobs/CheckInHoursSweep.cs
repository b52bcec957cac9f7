using VolunteerBot.Dialogs.Domain.CheckIn;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Handlers.CheckIn;
using VolunteerBot.Dialogs.Handlers.Hours;

namespace VolunteerBot.Jobs;

/// <summary>
/// Two hours after an activity's scheduled end, turns every check-in without a check-out into its pending service record
/// (the scheduled end counts, flagged 未签退), and retries any record a 签退 could not write. Idempotent: every instance
/// may run it; a record already written or decided is left as it is.
/// </summary>
public sealed partial class CheckInHoursSweep(CheckInFlow flow, ILogger<CheckInHoursSweep> logger)
{
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var ctx = flow.Context;
        var now = ctx.Now;
        var ended = (await ctx.Projects.ListByStatusAsync([ProjectStatus.Approved, ProjectStatus.Open, ProjectStatus.InProgress, ProjectStatus.Completed, ProjectStatus.Archived], cancellationToken).ConfigureAwait(false))
            .Where(p => p.End <= now && p.End >= now.AddDays(-HoursContext.LookbackDays))
            .ToList();
        var written = 0;
        foreach (var p in ended)
        {
            foreach (var a in (await flow.Store.ListByProjectAsync(p.Id, cancellationToken).ConfigureAwait(false)).Where(a => CheckInRules.RecordDue(a, now)))
            {
                await flow.RecordAsync(p, a, cancellationToken).ConfigureAwait(false);
                written++;
            }
        }

        if (written > 0)
        {
            LogWritten(written);
        }

        return written;
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Check-in hours sweep wrote {Count} service records from the clock")]
    private partial void LogWritten(int count);
}
