using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>
/// 注册 / register (R1): the registration card, prefilled from Teams, or the same card in edit mode for a
/// registered volunteer. Submitting validates every field on the server; errors come back under the fields
/// with the values kept. Saving twice updates, never duplicates.
/// </summary>
public sealed class RegisterHandler(IVolunteerStore volunteers, IDivisionStore divisions, TimeProvider time, IOptions<VolunteeringOptions> options,
    Domain.Audit.IAuditTrail? audit = null) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Anyone, ["注册", "报名志愿者", "注册志愿者", "修改资料", "register", "edit profile"],
        TeamVerbs.RegisterOpen, TeamVerbs.RegisterSubmit).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var existing = await volunteers.GetAsync(turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        var all = await divisions.ListAsync(includeArchived: true, cancellationToken).ConfigureAwait(false);
        var choices = Choosable(all, existing);
        if (turn.Verb != TeamVerbs.RegisterSubmit)
        {
            return TurnResult.Replace(TeamRegistrationCard.Build(turn.L, choices, TeamRegistrationCard.ValuesFor(existing, turn.User.Name), existing is not null,
                canSetUpDivisions: turn.Roles.IsCommittee));
        }

        var (profile, errors) = Validate(turn, choices);
        if (profile is null)
        {
            return TurnResult.Replace(TeamRegistrationCard.Build(turn.L, choices, turn.Data, existing is not null, errors));
        }

        var at = time.GetUtcNow();
        var saved = await volunteers.SaveAsync(profile, at, TeamClock.Today(time, options.Value), cancellationToken).ConfigureAwait(false);
        if (audit is not null && saved.Outcome != SaveOutcome.Unchanged && saved.Volunteer.PrivacyConsentAt == at)
        {
            // PIPL: the consent given on this card, with its date (the profile keeps the date too).
            await audit.AddAsync(new Domain.Audit.AuditEvent(at, turn.User.AadObjectId, saved.Volunteer.Name,
                Domain.Privacy.PrivacyAudit.Consent, turn.User.AadObjectId, "registration"), cancellationToken).ConfigureAwait(false);
        }
        if (saved.PreviousDivisionId is { } previous && all.FirstOrDefault(d => d.Id == previous)?.IsLiaison(profile.AadObjectId) == true)
        {
            // R2: a liaison is a volunteer of that division; moving away ends the appointment.
            await divisions.RemoveLiaisonAsync(previous, profile.AadObjectId, cancellationToken).ConfigureAwait(false);
        }

        return TurnResult.Replace(TeamProfileCards.Confirmation(turn.L, saved, all));
    }

    /// <summary>Active divisions, plus the volunteer's own even when archived (so editing other fields still works).</summary>
    private static List<Division> Choosable(IReadOnlyList<Division> all, Volunteer? existing) =>
        all.Where(d => !d.Archived || d.Id == existing?.DivisionId).ToList();

    internal static (VolunteerProfile? Profile, Dictionary<string, string> Errors) Validate(Turn turn, IReadOnlyList<Division> choices)
    {
        var L = turn.L;
        var data = turn.Data;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        void Check(string id, string? error)
        {
            if (error is not null)
            {
                errors[id] = error;
            }
        }

        Check(TeamRegistrationCard.Name, TeamInputText.CheckLine(L, data.Raw(TeamRegistrationCard.Name), TeamInput.PersonNameMax));
        var divisionId = data.Get(TeamRegistrationCard.DivisionId);
        if (divisionId is null || choices.All(d => d.Id != divisionId))
        {
            errors[TeamRegistrationCard.DivisionId] = L["team.error.division"];
        }

        var party = data.Get(TeamRegistrationCard.Party);
        if (party is not ("true" or "false"))
        {
            errors[TeamRegistrationCard.Party] = L["team.error.party"];
        }

        string? mobile = null;
        if (data.Get(TeamRegistrationCard.Mobile) is { } rawMobile)
        {
            mobile = TeamInput.NormalizeMobile(rawMobile);
            if (mobile is null)
            {
                errors[TeamRegistrationCard.Mobile] = rawMobile.Any(char.IsControl) ? L["team.error.control"] : L["team.error.mobile"];
            }
        }

        var nationalId = data.Get(TeamRegistrationCard.NationalId);
        if (nationalId is not null)
        {
            Check(TeamRegistrationCard.NationalId, TeamInputText.CheckLine(L, nationalId, TeamInput.NationalIdMax)
                ?? (TeamInput.IsValidNationalId(nationalId) ? null : L["team.error.nationalId"]));
        }

        if (!data.GetBool(TeamRegistrationCard.Pledge))
        {
            errors[TeamRegistrationCard.Pledge] = L["team.error.pledge"];
        }

        if (!data.GetBool(TeamRegistrationCard.Privacy))
        {
            // PIPL: no profile is stored without the notice accepted; the store records when.
            errors[TeamRegistrationCard.Privacy] = L["privacy.notice.required"];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new VolunteerProfile(turn.User.AadObjectId, data.Get(TeamRegistrationCard.Name)!, divisionId!, party == "true", mobile, nationalId), errors);
    }
}
