using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>The registration / profile edit card (R1) with the volunteer pledge of seed part 4 in full.</summary>
public static class TeamRegistrationCard
{
    public const string Name = "name";
    public const string DivisionId = "divisionId";
    public const string Party = "isPartyMember";
    public const string Mobile = "mobile";
    public const string NationalId = "nationalId";
    public const string Pledge = "pledge";
    public const string Privacy = "privacy";

    /// <summary>The card's values for a volunteer (edit mode) or a new user (name from Teams).</summary>
    public static CardData ValuesFor(Volunteer? volunteer, string teamsName) => volunteer is null
        ? new CardData(new Dictionary<string, string> { [Name] = teamsName })
        : new CardData(new Dictionary<string, string>
        {
            [Name] = volunteer.Name,
            [DivisionId] = volunteer.DivisionId,
            [Party] = volunteer.IsPartyMember ? "true" : "false",
            [Mobile] = volunteer.Mobile ?? "",
            [NationalId] = volunteer.NationalVolunteerId ?? "",
            [Pledge] = "true",
            [Privacy] = volunteer.PrivacyConsentAt is null ? "false" : "true",
        });

    public static AdaptiveCard Build(Localizer L, IReadOnlyList<Division> divisions, CardData values, bool edit,
        IReadOnlyDictionary<string, string>? errors = null, bool canSetUpDivisions = false)
    {
        string? Err(string id) => errors is not null && errors.TryGetValue(id, out var e) ? e : null;
        var card = new AdaptiveCard().Title(edit ? L["team.register.editTitle"] : L["team.register.title"]);
        if (divisions.Count == 0)
        {
            // An empty department: the committee can set it up right here instead of being told to ask itself.
            return canSetUpDivisions
                ? card.Text(L["findway.register.setUpDivisions"]).Add(El.Actions(Act.Execute(L["team.divisions.seed"], TeamVerbs.DivisionsSeed, validate: false)))
                : card.Text(L["team.register.noDivisions"]);
        }

        card.Text(errors is { Count: > 0 } ? L["team.register.fixErrors"] : L["team.register.intro"], subtle: errors is not { Count: > 0 });
        card.Add(El.TextInput(Name, L["team.register.name"], values.Raw(Name), required: true, maxLength: TeamInput.PersonNameMax, error: Err(Name)));
        card.Add(El.Choices(DivisionId, L["team.register.division"], divisions.Select(d => (d.Name, d.Id)), values.Raw(DivisionId),
            required: true, error: Err(DivisionId)));
        card.Add(El.Choices(Party, L["team.register.party"], [(L["team.yes"], "true"), (L["team.no"], "false")], values.Raw(Party),
            required: true, compact: false, error: Err(Party)));
        card.Add(El.TextInput(Mobile, L["team.register.mobile"], values.Raw(Mobile), L["team.register.mobilePlaceholder"], maxLength: 20, error: Err(Mobile)));
        card.Add(El.TextInput(NationalId, L["team.register.nationalId"], values.Raw(NationalId), maxLength: TeamInput.NationalIdMax, error: Err(NationalId)));
        card.Add(PledgeText(L));
        card.Add(El.Toggle(Pledge, L["team.register.pledgeAccept"], values.GetBool(Pledge), error: Err(Pledge)));
        card.Add(PrivacyNotice(L));
        card.Add(El.Toggle(Privacy, L["privacy.notice.accept"], values.GetBool(Privacy), error: Err(Privacy)));
        card.Action(Act.Execute(L["team.register.submit"], TeamVerbs.RegisterSubmit, style: "positive"));
        return card;
    }

    /// <summary>
    /// PIPL notice (个人信息处理说明): what is collected, why, who sees it, how long it is kept and the volunteer's rights
    /// (导出我的数据, 注销志愿者). Short enough for a phone; docs/privacy.md has the reasoning.
    /// </summary>
    public static System.Text.Json.Nodes.JsonObject PrivacyNotice(Localizer L) => El.Container(
    [
        El.Text(L["privacy.notice.title"], bold: true),
        El.Text(L["privacy.notice.what"], size: "Small"),
        El.Text(L["privacy.notice.why"], size: "Small"),
        El.Text(L["privacy.notice.who"], size: "Small"),
        El.Text(L["privacy.notice.howLong"], size: "Small"),
        El.Text(L["privacy.notice.rights"], size: "Small"),
    ], style: "emphasis", separator: true);

    /// <summary>Seed part 4, rights (一) and duties (二), in full.</summary>
    public static System.Text.Json.Nodes.JsonObject PledgeText(Localizer L)
    {
        var items = new List<System.Text.Json.Nodes.JsonObject?>
        {
            El.Text(L["team.pledge.title"], bold: true),
            El.Text(L["team.pledge.rightsTitle"], size: "Small", bold: true),
        };
        items.AddRange(Enumerable.Range(1, 5).Select(i => El.Text(L[$"team.pledge.right{i}"], size: "Small")));
        items.Add(El.Text(L["team.pledge.dutiesTitle"], size: "Small", bold: true));
        items.AddRange(Enumerable.Range(1, 6).Select(i => El.Text(L[$"team.pledge.duty{i}"], size: "Small")));
        return El.Container(items, style: "emphasis", separator: true);
    }
}
