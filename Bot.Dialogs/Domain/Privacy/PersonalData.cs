using System.Globalization;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Domain.Training;

namespace VolunteerBot.Dialogs.Domain.Privacy;

/// <summary>The audit actions of personal-information handling (PIPL).</summary>
public static class PrivacyAudit
{
    public const string Consent = "privacy.consent";
    public const string Exported = "privacy.exported";
    public const string EraseRequested = "privacy.erase.requested";
    public const string Erased = "privacy.erase.confirmed";
    public const string LeaverOffboarded = "privacy.erase.leaver";

    /// <summary>
    /// What an erased person's name becomes on sign-ups, feedback, training attendance and gear loans (the rows stay,
    /// so counts and other people's history hold). Service records keep the real name for certificates.
    /// </summary>
    public const string ErasedName = "（已注销）";
}

/// <summary>A sign-up with the title of its project (the sign-up row holds only the id).</summary>
public sealed record SignUpLine(SignUp SignUp, string ProjectTitle, DateTimeOffset? Start);

/// <summary>Everything the bot holds about one person (PIPL art. 45: a copy on request).</summary>
public sealed record PersonalData
{
    public required string AadObjectId { get; init; }
    public Volunteer? Profile { get; init; }
    public IReadOnlyList<DivisionMembership> Memberships { get; init; } = [];
    public IReadOnlyList<SignUpLine> SignUps { get; init; } = [];
    public IReadOnlyList<ServiceRecord> Records { get; init; } = [];
    public PointsBalance? Balance { get; init; }
    public IReadOnlyList<PointsExchange> Exchanges { get; init; } = [];
    public IReadOnlyList<Feedback> Feedback { get; init; } = [];
    public IReadOnlyList<TrainingAttendance> Trainings { get; init; } = [];
    public IReadOnlyList<GearLoan> GearLoans { get; init; } = [];

    /// <summary>
    /// The workbook: one sheet per kind of data, headers in the person's language (<paramref name="text"/> looks up
    /// "privacy.sheet.*" keys), dates in Asia/Shanghai, patterns and the list separator from "format.*".
    /// </summary>
    public Spreadsheet ToSpreadsheet(Func<string, string> text, Func<string, string> divisionName, TimeZoneInfo zone, DateTimeOffset now)
    {
        string T(string key) => text("privacy.sheet." + key);
        string When(DateTimeOffset? at) => at is null ? "" : TimeZoneInfo.ConvertTime(at.Value, zone).ToString(text("format.dateTime"), CultureInfo.InvariantCulture);
        string Day(DateOnly? d) => d?.ToString(text("format.date"), CultureInfo.InvariantCulture) ?? "";
        var p = Profile;
        var sheets = new List<Sheet>
        {
            new(T("profile"), [T("field"), T("value")],
            [
                [T("aadObjectId"), AadObjectId],
                [T("name"), p?.Name ?? ""],
                [T("division"), p is null ? "" : divisionName(p.DivisionId)],
                [T("partyMember"), p is null ? "" : p.IsPartyMember ? T("yes") : T("no")],
                [T("mobile"), p?.Mobile ?? ""],
                [T("nationalId"), p?.NationalVolunteerId ?? ""],
                [T("community"), p?.Community ?? ""],
                [T("communityOn"), Day(p?.CommunityReportedOn)],
                [T("registeredAt"), When(p?.RegisteredAt)],
                [T("pledgeAt"), When(p?.PledgeAcceptedAt)],
                [T("consentAt"), When(p?.PrivacyConsentAt)],
                [T("exportedAt"), When(now)],
            ]),
            new(T("memberships"), [T("division"), T("from"), T("until")],
                [.. Memberships.Select(m => (IReadOnlyList<object?>)[divisionName(m.DivisionId), Day(m.From), Day(m.Until)])]),
            new(T("signUps"), [T("project"), T("start"), T("status"), T("signedUpAt")],
                [.. SignUps.Select(s => (IReadOnlyList<object?>)[s.ProjectTitle, When(s.Start), s.SignUp.Status.ToString(), When(s.SignUp.SignedUpAt)])]),
            new(T("records"), [T("date"), T("project"), T("place"), T("content"), T("hours"), T("status"), T("points"), T("confirmedBy")],
                [.. Records.Select(r => (IReadOnlyList<object?>)[Day(r.Date), r.ProjectTitle, r.Place, r.Content, r.Hours, r.Status.ToString(), r.Points, r.DecidedByName ?? ""])]),
            new(T("points"), [T("date"), T("item"), T("points"), T("by")],
                [.. (Balance is null ? [] : new IReadOnlyList<object?>[] { [T("balance"), T("earned") + " " + Balance.Earned + " / " + T("redeemed") + " " + Balance.Redeemed, Balance.Earned - Balance.Redeemed, ""] }),
                 .. Exchanges.Select(e => (IReadOnlyList<object?>)[When(e.At), e.Item, -e.Points, e.ByName])]),
            new(T("feedback"), [T("date"), T("kind"), T("text"), T("reply"), T("repliedBy")],
                [.. Feedback.Select(f => (IReadOnlyList<object?>)[When(f.CreatedAt), f.Kind.ToString(), f.Text, f.Reply ?? "", f.RepliedByName ?? ""])]),
            new(T("trainings"), [T("date"), T("title"), T("kind"), T("hours"), T("organiser")],
                [.. Trainings.Select(t => (IReadOnlyList<object?>)[Day(t.Date), t.Title, t.Kind.ToString(), t.Hours, t.Organiser])]),
            new(T("gear"), [T("project"), T("items"), T("status"), T("requestedAt"), T("closedAt")],
                [.. GearLoans.Select(g => (IReadOnlyList<object?>)[g.ProjectTitle, string.Join(text("format.listSeparator"), g.Lines.Select(l => $"{l.ItemName}×{l.Quantity}")), g.Status.ToString(), When(g.RequestedAt), When(g.ClosedAt)])]),
        };
        // The file is named for the day it was made where the reader is (Asia/Shanghai), not the UTC date.
        return new Spreadsheet($"my-data-{TimeZoneInfo.ConvertTime(now, zone).ToString(text("format.fileDate"), CultureInfo.InvariantCulture)}.xlsx", sheets);
    }
}
