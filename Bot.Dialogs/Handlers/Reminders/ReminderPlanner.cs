using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Cards;

namespace VolunteerBot.Dialogs.Handlers.Reminders;

/// <summary>
/// Who gets what in a quarterly run (data gathered once per run): volunteers with no confirmed or pending hours
/// this quarter a short personal reminder with the open projects; each division's liaisons their division's
/// standing; the committee the quarterly digest. A person in several roles gets the letter of the highest one
/// (one message per person per run).
/// </summary>
public sealed class ReminderPlanner(IDigestSource source, LanguageResolver languages, IOptions<VolunteeringOptions> options,
    IOptions<DashboardLinkOptions>? dashboard = null, Team.CommitteeDirectory? committee = null) : IReminderPlanner
{
    public async Task<IReminderPlan> PlanAsync(ReminderRunContext run, CancellationToken cancellationToken)
    {
        var input = await source.GatherAsync(run.Quarter, run.Now, cancellationToken).ConfigureAwait(false);
        var digest = DigestCalculator.Compute(input);
        var recipients = new Dictionary<string, ReminderRecipient>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in DigestCalculator.VolunteersToRemind(input))
        {
            recipients[v.AadObjectId] = new ReminderRecipient(v.AadObjectId, ReminderAudience.Volunteer);
        }

        foreach (var id in input.Divisions.SelectMany(d => d.LiaisonAadObjectIds))
        {
            recipients[id] = new ReminderRecipient(id, ReminderAudience.Liaison);
        }

        foreach (var id in committee is null ? options.Value.CommitteeAadObjectIds : await committee.AllIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            recipients[id] = new ReminderRecipient(id, ReminderAudience.Committee);
        }

        return new Plan(run, [.. recipients.Values], input, digest, languages, options.Value.Zone, dashboard?.Value.Url);
    }

    private sealed class Plan(ReminderRunContext run, IReadOnlyList<ReminderRecipient> recipients, DigestInput input, QuarterlyDigest digest,
        LanguageResolver languages, TimeZoneInfo zone, string? dashboardUrl) : IReminderPlan
    {
        public IReadOnlyList<ReminderRecipient> Recipients => recipients;

        public async Task<OutgoingMessage> ComposeAsync(ReminderRecipient recipient, CancellationToken cancellationToken)
        {
            var L = Localizer.For(await languages.ResolveAsync(recipient.AadObjectId, cancellationToken).ConfigureAwait(false));
            var card = recipient.Audience switch
            {
                ReminderAudience.Committee => DigestCards.Digest(L, digest, run.RunId).WithDashboardLink(L, dashboardUrl),
                ReminderAudience.Liaison => DigestCards.Standing(L, run.Quarter,
                    [.. digest.Divisions.Where(s => input.Divisions.Any(d => d.Id == s.DivisionId && d.LiaisonAadObjectIds.Contains(recipient.AadObjectId, StringComparer.OrdinalIgnoreCase)))],
                    digest.HasProjectData),
                _ => DigestCards.VolunteerReminder(L, run, OpenFor(recipient.AadObjectId), zone),
            };
            return OutgoingMessage.Of(card);
        }

        private readonly Dictionary<string, string> _divisionOf = input.Volunteers
            .GroupBy(v => v.AadObjectId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().DivisionId, StringComparer.OrdinalIgnoreCase);

        /// <summary>Only the projects this volunteer can join: centralised ones and branch ones of their division.</summary>
        private IReadOnlyList<DigestOpenProject>? OpenFor(string aadObjectId) =>
            input.OpenProjects is { } open ? [.. open.Where(p => p.OpenTo(_divisionOf.GetValueOrDefault(aadObjectId)))] : null;
    }
}
