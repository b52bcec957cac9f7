using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Dialogs.Core;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Dialogs.Reminders;

/// <summary>
/// Who gets what in a quarterly run: every registered volunteer a personal reminder, each division's liaisons
/// their division's standing, the committee the quarterly digest. A person in several roles gets the highest
/// one's letter (one message per person per run).
/// </summary>
public sealed class ReminderPlanner(
    IVolunteerStore volunteers,
    IDivisionStore divisions,
    LanguageResolver languages,
    IOptions<VolunteeringOptions> options) : IReminderPlanner
{
    public async Task<IReminderPlan> PlanAsync(ReminderRunContext run, CancellationToken cancellationToken)
    {
        var all = await volunteers.ListAllAsync(cancellationToken).ConfigureAwait(false);
        var divisionList = await divisions.ListAsync(includeArchived: false, cancellationToken).ConfigureAwait(false);
        var recipients = new Dictionary<string, ReminderRecipient>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in all)
        {
            recipients[v.AadObjectId] = new ReminderRecipient(v.AadObjectId, ReminderAudience.Volunteer);
        }

        foreach (var id in divisionList.SelectMany(d => d.LiaisonAadObjectIds))
        {
            recipients[id] = new ReminderRecipient(id, ReminderAudience.Liaison);
        }

        foreach (var id in options.Value.CommitteeAadObjectIds)
        {
            recipients[id] = new ReminderRecipient(id, ReminderAudience.Committee);
        }

        return new Plan(run, [.. recipients.Values], divisionList, languages);
    }

    private sealed class Plan(ReminderRunContext run, IReadOnlyList<ReminderRecipient> recipients, IReadOnlyList<Division> divisions, LanguageResolver languages) : IReminderPlan
    {
        public IReadOnlyList<ReminderRecipient> Recipients => recipients;

        public async Task<OutgoingMessage> ComposeAsync(ReminderRecipient recipient, CancellationToken cancellationToken)
        {
            var L = Localizer.For(await languages.ResolveAsync(recipient.AadObjectId, cancellationToken).ConfigureAwait(false));
            var card = recipient.Audience switch
            {
                ReminderAudience.Committee => ReminderCards.CommitteeLetter(L, run),
                ReminderAudience.Liaison => ReminderCards.LiaisonLetter(L, run, divisions.Where(d => d.LiaisonAadObjectIds.Contains(recipient.AadObjectId, StringComparer.OrdinalIgnoreCase)).Select(d => d.Name)),
                _ => ReminderCards.VolunteerLetter(L, run),
            };
            return OutgoingMessage.Of(card);
        }
    }
}
