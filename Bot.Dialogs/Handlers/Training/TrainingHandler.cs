using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Domain.Training;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Training;

/// <summary>
/// 培训记录 / training (committee, R3): the year's sessions; a form for a session (title, kind, date, hours, organiser,
/// content) with attendance picked from the roster, grouped by division. Saving again edits the same session.
/// </summary>
public sealed partial class TrainingHandler(ITrainingStore trainings, IVolunteerStore volunteers, IDivisionStore divisions,
    TimeProvider time, IOptions<VolunteeringOptions> options) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["培训记录", "培训", "training"], TrainingVerbs.Open, TrainingVerbs.Save).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var today = ProjectCalendar.LocalDate(time.GetUtcNow(), options.Value.Zone);
        var givenId = turn.Data.Get(TrainingCards.SessionId) is { } g && IdPattern().IsMatch(g) ? g : null;
        if (turn.Verb is null)
        {
            return TurnResult.Replace(TrainingCards.List(L, today.Year, await trainings.ListYearAsync(today.Year, cancellationToken).ConfigureAwait(false)));
        }

        var roster = await RosterAsync(cancellationToken).ConfigureAwait(false);
        if (turn.Verb == TrainingVerbs.Open)
        {
            var existing = givenId is null ? null : await trainings.GetAsync(givenId, cancellationToken).ConfigureAwait(false);
            var values = existing is null ? CardData.Empty.With(TrainingCards.Date, today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                : ValuesOf(existing);
            var picked = existing?.Attendees.Select(a => a.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
            return TurnResult.Replace(TrainingCards.Form(L, existing?.Id ?? TrainingSession.NewId(today.Year), roster, values, picked));
        }

        var id = givenId ?? TrainingSession.NewId(today.Year);
        var errors = new GearCards.Errors();
        var data = turn.Data;
        string? Line(string key, int max, bool required)
        {
            var v = data.Get(key);
            if (v is null)
            {
                return required ? L["gear.error.required"] : null;
            }

            return v.Length > max || (key != TrainingCards.Content && v.Any(char.IsControl)) ? L.Format("gear.error.nameTooLong", max) : null;
        }

        void Check(string key, string? error)
        {
            if (error is not null)
            {
                errors[key] = error;
            }
        }

        Check(TrainingCards.Title, Line(TrainingCards.Title, TrainingCards.TitleMax, true));
        Check(TrainingCards.Organiser, Line(TrainingCards.Organiser, TrainingCards.OrganiserMax, true));
        Check(TrainingCards.Content, Line(TrainingCards.Content, TrainingCards.ContentMax, false));
        var kind = Enum.TryParse<TrainingKind>(data.Get(TrainingCards.Kind), out var k) && Enum.IsDefined(k) ? k : (TrainingKind?)null;
        Check(TrainingCards.Kind, kind is null ? L["training.error.kind"] : null);
        var date = data.GetDate(TrainingCards.Date);
        Check(TrainingCards.Date, date is null ? L["training.error.date"] : date > today ? L["training.error.future"] : date < today.AddYears(-2) ? L["training.error.tooOld"] : null);
        var hours = data.GetDecimal(TrainingCards.Hours);
        Check(TrainingCards.Hours, hours is null or <= 0 or > 24 || hours * 2 != Math.Floor(hours.Value * 2) ? L["training.error.hours"] : null);

        var members = roster.SelectMany(r => r.Members.Select(m => (Member: m, r.Division))).ToDictionary(x => x.Member.AadObjectId, StringComparer.OrdinalIgnoreCase);
        var chosen = data.Values.Keys.Where(key => key.StartsWith(TrainingCards.AttendancePrefix, StringComparison.Ordinal))
            .SelectMany(data.GetList).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var attendees = chosen.Where(members.ContainsKey).Select(aad => new TrainingAttendee(members[aad].Member.AadObjectId, members[aad].Member.Name, members[aad].Division.Id)).ToList();
        Check(TrainingCards.AttendancePrefix, attendees.Count == 0 ? L["training.error.attendance"] : null);

        if (errors.Count > 0)
        {
            return TurnResult.Replace(TrainingCards.Form(L, id, roster, data, chosen.ToHashSet(StringComparer.OrdinalIgnoreCase), errors, L["gear.error.checkBelow"]));
        }

        var before = await trainings.GetAsync(id, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var session = new TrainingSession
        {
            Id = id,
            Title = data.Get(TrainingCards.Title)!, Kind = kind!.Value, Date = date!.Value, Hours = hours!.Value,
            Organiser = data.Get(TrainingCards.Organiser)!, Content = data.Get(TrainingCards.Content) ?? "", Attendees = attendees,
            RecordedByAadObjectId = before?.RecordedByAadObjectId ?? turn.User.AadObjectId, RecordedByName = before?.RecordedByName ?? turn.User.Name,
            RecordedAt = before?.RecordedAt ?? now, UpdatedAt = now,
        };
        await trainings.SaveAsync(session, cancellationToken).ConfigureAwait(false);
        return TurnResult.Replace(TrainingCards.Saved(L, session, before is null));
    }

    private async Task<IReadOnlyList<(Division Division, IReadOnlyList<Volunteer> Members)>> RosterAsync(CancellationToken ct)
    {
        var list = new List<(Division, IReadOnlyList<Volunteer>)>();
        foreach (var d in await divisions.ListAsync(includeArchived: false, ct).ConfigureAwait(false))
        {
            list.Add((d, await volunteers.ListByDivisionAsync(d.Id, ct).ConfigureAwait(false)));
        }

        return list;
    }

    private static CardData ValuesOf(TrainingSession s) => CardData.Empty
        .With(TrainingCards.Title, s.Title).With(TrainingCards.Kind, s.Kind.ToString())
        .With(TrainingCards.Date, s.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
        .With(TrainingCards.Hours, TrainingCards.HoursText(s.Hours)).With(TrainingCards.Organiser, s.Organiser).With(TrainingCards.Content, s.Content);

    [GeneratedRegex("^[0-9]{4}-[0-9a-f]{8}$")]
    private static partial Regex IdPattern();
}
