using System.Globalization;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>Which form the filing card is: a new filing, an edit of a returned one, or a committee assignment.</summary>
public enum ProjectFormMode
{
    File,
    Edit,
    Assign,
}

/// <summary>Adaptive Cards for projects: the filing form, the committee review, details with sign-up, lists.</summary>
public static class ProjectCards
{
    /// <summary>Teams user MRI from an Entra object id, for <c>refresh.userIds</c>.</summary>
    public static string Mri(string aadObjectId) => "8:orgid:" + aadObjectId;

    /// <summary>
    /// Adds a Universal Actions refresh to a card shown to the user of <paramref name="turn"/>, so that when they open
    /// it later Teams asks the bot (an <c>adaptiveCard/action</c> invoke with trigger "automatic" and
    /// <paramref name="verb"/>) for the current card, built for them with their own status. Teams refreshes
    /// automatically for every member of a conversation with fewer than 60 members and otherwise only for the users in
    /// <c>userIds</c> (at most 60). These cards live in the volunteer's personal chat with the bot, so we name just
    /// that user: the refresh fires for them, and the bot answers for whoever the invoke comes from, after the role
    /// check, without writing anything. In a group chat or channel the card is not made refreshable: everyone there
    /// sees the same card, and a per-user refresh would show colleagues cards (or refusals) meant for someone else.
    /// </summary>
    public static AdaptiveCard RefreshFor(AdaptiveCard card, Turn turn, string verb, JsonObject data) =>
        turn.Kind == ConversationKind.Personal ? card.Refresh(verb, data, [Mri(turn.User.AadObjectId)]) : card;

    public static AdaptiveCard Form(Localizer L, ProjectFormMode mode, IReadOnlyList<(string Id, string Name)> divisions,
        IReadOnlyList<(string Id, string Name)> ownDivisions, CardData values, IReadOnlyDictionary<string, string> errors,
        string? projectId, string draftId, string? intro = null)
    {
        string? E(string field) => errors.TryGetValue(field, out var key) ? L[key] : null;
        var card = new AdaptiveCard().Title(mode switch
        {
            ProjectFormMode.Assign => L["projects.assign.title"],
            ProjectFormMode.Edit => L["projects.edit.title"],
            _ => L["projects.file.title"],
        });
        if (intro is not null)
        {
            card.Text(intro);
        }

        if (errors.Count > 0)
        {
            card.Add(El.Text(L["projects.form.fix"], color: "Attention"));
        }

        card.Add(El.TextInput("title", L["projects.field.title"], values.Raw("title"), L["projects.field.title.hint"], required: true, maxLength: ProjectRules.TitleMax, error: E("title")));
        card.Add(El.Choices("category", L["projects.field.category"], ProjectCategories.All.Select(c => (CategoryLabel(L, c), c.Id)), values.Get("category"), required: true, error: E("category")));
        card.Add(El.Choices("organiser", L["projects.field.organiser"],
            [(L["projects.organiser.Centralised"], "centralised"), (L["projects.organiser.Branch"], "branch")],
            values.Get("organiser") ?? (mode == ProjectFormMode.Assign ? "centralised" : "branch"), required: true, error: E("organiser")));
        if (mode == ProjectFormMode.Assign)
        {
            card.Add(El.Choices("divisions", L["projects.field.assignDivisions"], divisions.Select(d => (d.Name, d.Id)), values.Get("divisions"), required: true, multi: true, error: E("division") ?? E("joint")));
        }
        else
        {
            var lead = values.Get("division") ?? (ownDivisions.Count == 1 ? ownDivisions[0].Id : null);
            card.Add(El.Choices("division", L["projects.field.division"], ownDivisions.Select(d => (d.Name, d.Id)), lead, required: true, error: E("division")));

            // A division is not its own joint partner: once the filing division is known it is not offered (ProjectForm
            // drops it on submit all the same). A liaison of several divisions who has not picked one yet sees them all,
            // since the card cannot hide a choice when another input changes.
            var joint = values.GetList("joint").Where(j => j != lead).ToList();
            card.Add(El.Choices("joint", L["projects.field.joint"], divisions.Where(d => d.Id != lead).Select(d => (d.Name, d.Id)),
                joint.Count > 0 ? string.Join(',', joint) : null, multi: true, error: E("joint")));
        }

        card.Add(El.Columns(
            El.Column("stretch", El.DateInput("startDate", L["projects.field.startDate"], values.Raw("startDate"), required: true, error: E("start"))),
            El.Column("stretch", El.TimeInput("startTime", L["projects.field.startTime"], values.Raw("startTime"), required: true))));
        card.Add(El.Columns(
            El.Column("stretch", El.DateInput("endDate", L["projects.field.endDate"], values.Raw("endDate"))),
            El.Column("stretch", El.TimeInput("endTime", L["projects.field.endTime"], values.Raw("endTime"), required: true, error: E("end")))));
        card.Add(El.TextInput("place", L["projects.field.place"], values.Raw("place"), required: true, maxLength: ProjectRules.PlaceMax, error: E("place")));
        card.Add(El.NumberInput("capacity", L["projects.field.capacity"], values.Raw("capacity"), 1, ProjectRules.CapacityMax, required: true, error: E("capacity")));
        card.Add(El.TextInput("description", L["projects.field.description"], values.Raw("description"), maxLength: ProjectRules.DescriptionMax, multiline: true, error: E("description")));
        card.Add(El.Toggle("industry", L["projects.field.industry"], values.GetBool("industry")));
        var verb = mode == ProjectFormMode.Assign ? ProjectVerbs.AssignSubmit : ProjectVerbs.FileSubmit;
        var title = mode switch
        {
            ProjectFormMode.Assign => L["projects.assign.submit"],
            ProjectFormMode.Edit => L["projects.edit.submit"],
            _ => L["projects.file.submit"],
        };
        card.Action(Act.Execute(title, verb, Act.Data(("projectId", projectId), ("draftId", draftId)), style: "positive"));
        return card;
    }

    public static string CategoryLabel(Localizer L, ProjectCategory c) =>
        c.IsIndustry ? L.Format("projects.category.industry", c.Name(L.Language)) : c.Name(L.Language);

    /// <summary>The facts every project card shows.</summary>
    public static JsonObject Facts(Localizer L, Project p, IReadOnlyDictionary<string, string> divisionNames, TimeZoneInfo zone, bool withDeclaration = false)
    {
        var facts = new List<(string, string)>
        {
            (L["projects.field.category"], ProjectCategories.Find(p.CategoryId) is { } c ? CategoryLabel(L, c) : p.CategoryId),
            (L["projects.field.organiser"], L.Joined(L["projects.organiser." + p.Organiser], L["projects.origin." + p.Origin])),
            (L["projects.field.divisions"], L.List(p.AllDivisionIds.Select(d => divisionNames.GetValueOrDefault(d, d)))),
            (L["projects.field.time"], When(L, p, zone)),
            (L["projects.field.place"], Markdown.Escape(p.Place)),
            (L["projects.field.capacity"], L.Format("projects.capacity.value", p.Capacity)),
        };
        if (withDeclaration)
        {
            facts.Add((L["projects.field.declaration"], p.DeclarationNumber ?? L["projects.declaration.none"]));
        }

        return El.Facts(facts);
    }

    /// <summary>"2025年6月7日 09:00–12:00" (or across days), in Asia/Shanghai.</summary>
    public static string When(Localizer L, Project p, TimeZoneInfo zone)
    {
        var s = ProjectCalendar.ToLocal(p.Start, zone);
        var e = ProjectCalendar.ToLocal(p.End, zone);
        var day = L["projects.format.day"];
        return s.Date == e.Date
            ? $"{s.ToString(day, L.Culture)} {L.Time(s)}–{L.Time(e)}"
            : $"{s.ToString(day, L.Culture)} {L.Time(s)} – {e.ToString(day, L.Culture)} {L.Time(e)}";
    }

    /// <summary>The liaison's card once the project is filed (报备): the facts, and what happens next.</summary>
    public static AdaptiveCard Filed(Localizer L, Project p, IReadOnlyDictionary<string, string> divisionNames, TimeZoneInfo zone) =>
        new AdaptiveCard()
            .Title(L.Format("projects.file.done", p.Title))
            .Add(Facts(L, p, divisionNames, zone))
            .Text(L["projects.file.doneNext"], subtle: true);

    public static string Status(Localizer L, Project p, DateTimeOffset now) => L["projects.status." + p.StatusAt(now)];

    /// <summary>
    /// The committee's review card. Pending: the filing with a reason field and approve / return buttons. Decided:
    /// the outcome ("已批准（张书记）") and no buttons. The refresh clause makes every committee member who opens
    /// it get the current state from the bot, so nobody acts on a stale card.
    /// </summary>
    public static AdaptiveCard Review(Localizer L, Project p, IReadOnlyDictionary<string, string> divisionNames, TimeZoneInfo zone,
        DateTimeOffset now, IEnumerable<string> committee, string? reasonValue = null, string? reasonError = null, string? notice = null)
    {
        var card = new AdaptiveCard()
            .Title(L.Format("projects.review.title", Markdown.Escape(p.Title)))
            .Add(El.Text(L.Format("projects.review.filedBy", Markdown.Escape(p.FiledByName), L.DateTime(ProjectCalendar.ToLocal(p.FiledAt, zone))), subtle: true))
            .Add(Facts(L, p, divisionNames, zone));
        if (p.Description.Length > 0)
        {
            card.Text(Markdown.Escape(p.Description));
        }

        // The last return's reason, while it is history (a refiled project); once returned the outcome line says it.
        if (p.Returns.Count > 0 && p.Status != ProjectStatus.Returned)
        {
            card.Add(El.Text(L.Format("projects.review.previousReturn", Markdown.Escape(p.Returns[^1].Reason)), subtle: true));
        }

        if (notice is not null)
        {
            card.Add(El.Text(notice, color: "Warning"));
        }

        if (p.Status == ProjectStatus.Filed && now < p.Start)
        {
            card.Add(El.TextInput("reason", L["projects.review.reason"], reasonValue, L["projects.review.reason.hint"], maxLength: ProjectRules.ReasonMax, multiline: true, error: reasonError));
            var data = Act.Data(("projectId", p.Id));
            card.Action(Act.Execute(L["projects.review.approve"], ProjectVerbs.Approve, data, style: "positive", validate: false));
            card.Action(Act.Execute(L["projects.review.return"], ProjectVerbs.Return, Act.Data(("projectId", p.Id)), style: "destructive"));
        }
        else
        {
            card.Add(El.Text(Outcome(L, p, now), bold: true, color: p.Status == ProjectStatus.Returned || p.Status == ProjectStatus.Cancelled ? "Attention" : "Good"));
        }

        card.Refresh(ProjectVerbs.ReviewRefresh, Act.Data(("projectId", p.Id)), committee.Select(Mri));
        return card;
    }

    /// <summary>"已批准（张书记）", "已退回（张书记）：理由", or the current status.</summary>
    public static string Outcome(Localizer L, Project p, DateTimeOffset now) => p.Status switch
    {
        ProjectStatus.Returned => L.Format("projects.outcome.returned", Markdown.Escape(p.DecidedByName), p.Returns.Count > 0 ? Markdown.Escape(p.Returns[^1].Reason) : ""),
        ProjectStatus.Cancelled => L["projects.outcome.cancelled"],
        ProjectStatus.Filed => L["projects.outcome.expired"],
        _ when p.DecidedByName is { } name && p.Origin == ProjectOrigin.Applied => L.Joined(L.Format("projects.outcome.approved", name), Status(L, p, now)),
        _ => Status(L, p, now),
    };

    /// <summary>
    /// One project for a volunteer: details, seats taken, their sign-up, and sign up / cancel. The card refreshes
    /// itself (<see cref="ProjectVerbs.Show"/>) so seats and the viewer's status are current whenever it is opened.
    /// With <paramref name="refreshFor"/> null (the announcement, one card fanned out to many personal chats) the
    /// refresh names no userIds: Teams refreshes automatically in chats of fewer than 60 members, so each recipient
    /// gets their own current view in their personal chat. Handlers pass the viewer's turn: see <see cref="RefreshFor"/>.
    /// </summary>
    public static AdaptiveCard Detail(Localizer L, Project p, IReadOnlyDictionary<string, string> divisionNames, TimeZoneInfo zone,
        DateTimeOffset now, SignUp? mine, SignUpCounts counts, int waitlistPosition = 0, string? notice = null, bool canManage = false, Turn? refreshFor = null)
    {
        var card = new AdaptiveCard().Title(Markdown.Escape(p.Title)).Add(Facts(L, p, divisionNames, zone, withDeclaration: canManage));
        if (p.Description.Length > 0)
        {
            card.Text(Markdown.Escape(p.Description));
        }

        card.Add(El.Text(L.Format("projects.detail.status", Status(L, p, now), counts.Confirmed, p.Capacity, counts.Waitlisted), subtle: true));
        if (notice is not null)
        {
            card.Add(El.Text(notice, bold: true, color: "Good"));
        }

        if (p.Status == ProjectStatus.Cancelled)
        {
            card.Add(El.Text(L.Format("projects.detail.cancelled", p.CancelReason ?? L["projects.notice.noReason"]), bold: true, color: "Attention"));
        }

        var active = mine is { Status: not SignUpStatus.Cancelled };
        if (active && p.Status != ProjectStatus.Cancelled)
        {
            card.Add(El.Text(mine!.Status == SignUpStatus.Confirmed
                ? L["projects.signup.youAreIn"]
                : L.Format("projects.signup.youAreWaitlisted", waitlistPosition), bold: true));
        }

        var data = Act.Data(("projectId", p.Id));
        if (p.AcceptsSignUps(now))
        {
            card.Action(active
                ? Act.Execute(L["projects.signup.cancel"], ProjectVerbs.SignUpCancel, data, style: "destructive")
                : Act.Execute(L["projects.signup.button"], ProjectVerbs.SignUp, data, style: "positive"));
        }

        if (canManage)
        {
            card.Action(Act.Execute(L["projects.roster.button"], ProjectVerbs.Roster, data));
        }

        return refreshFor is null
            ? card.Refresh(ProjectVerbs.Show, Act.Data(("projectId", p.Id)), [])
            : RefreshFor(card, refreshFor, ProjectVerbs.Show, Act.Data(("projectId", p.Id)));
    }
}
