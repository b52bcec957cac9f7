using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Handlers.Projects;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>
/// 登记 / log: a volunteer logs service hours for an activity they signed up for, or community service where they live
/// (R9, with a note). The quick form (<c>登记 3 小时 垃圾分类宣传</c>, <c>log 3h waste sorting</c>) answers with the card
/// filled in to confirm. Records start pending; the liaison confirms them.
/// </summary>
public sealed class LogHoursHandler(HoursContext context, IServiceRecordStore records) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Volunteer, ["登记", "登记时长", "log", "log hours"], HoursVerbs.LogOpen, HoursVerbs.LogSubmit).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var volunteer = await context.Volunteers.GetAsync(turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        if (volunteer is null)
        {
            return Refusal.For(turn, Role.Volunteer);
        }

        var candidates = await context.LoggableProjectsAsync(volunteer.AadObjectId, cancellationToken).ConfigureAwait(false);
        var choices = candidates.Select(p => (p.Id, p.Title, context.LocalDate(p.Start))).ToList();
        if (turn.Verb != HoursVerbs.LogSubmit)
        {
            var card = HoursCards.LogForm(L, choices, Prefill(turn, candidates), note: turn.Arguments.Length > 0 ? L["hours.log.prefilled"] : null);
            return TurnResult.Answer(turn, card);
        }

        var data = turn.Data;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var choice = data.Get(HoursCards.Project);
        var project = candidates.FirstOrDefault(p => p.Id == choice);
        var community = choice == HoursCards.Community;
        if (project is null && !community)
        {
            errors[HoursCards.Project] = "hours.error.project";
        }

        var hours = HoursRules.Parse(data.Get(HoursCards.HoursField));
        if (HoursRules.CheckHours(hours) is { } hoursError)
        {
            errors[HoursCards.HoursField] = hoursError;
        }

        var date = data.GetDate(HoursCards.Date);
        var today = context.Today;
        if (HoursRules.CheckDate(date, today, project is null ? null : context.LocalDate(project.Start), project is null ? null : context.LocalDate(project.End)) is { } dateError)
        {
            errors[HoursCards.Date] = dateError;
        }
        else if (date < today.AddDays(-HoursContext.LookbackDays))
        {
            errors[HoursCards.Date] = "hours.error.date.tooOld";
        }

        var content = data.Get(HoursCards.Content) ?? "";
        if (community && content.Length == 0)
        {
            errors[HoursCards.Content] = "hours.error.content.community";
        }
        else if (ProjectRules.Length(content) > HoursRules.ContentMax)
        {
            errors[HoursCards.Content] = "hours.error.content.long";
        }

        if (errors.Count == 0)
        {
            var sameDay = (await records.ListByVolunteerAsync(volunteer.AadObjectId, date, cancellationToken).ConfigureAwait(false)).Where(r => r.Date == date);
            if (!HoursRules.FitsDay(hours!.Value, sameDay, ServiceRecord.IdOf(date!.Value, project?.Id)))
            {
                errors[HoursCards.HoursField] = "hours.error.hours.day";
            }
        }

        if (errors.Count > 0)
        {
            return TurnResult.Replace(HoursCards.LogForm(L, choices, data, errors));
        }

        var division = await context.DivisionOnAsync(volunteer, date!.Value, cancellationToken).ConfigureAwait(false);
        var draft = new ServiceRecord
        {
            VolunteerAadObjectId = volunteer.AadObjectId,
            VolunteerName = volunteer.Name,
            DivisionId = division,
            ProjectId = project?.Id,
            ProjectTitle = project?.Title ?? L["hours.log.communityTitle"],
            OrganiserDivisionIds = project?.AllDivisionIds ?? [division],
            IsCentralised = project?.Organiser == OrganiserType.Centralised,
            DeclarationNumber = project?.DeclarationNumber,
            Place = project?.Place ?? volunteer.Community ?? "",
            Content = content,
            Date = date.Value,
            Hours = hours!.Value,
            Status = RecordStatus.Pending,
            Source = RecordSource.Volunteer,
            LoggedByAadObjectId = volunteer.AadObjectId,
            LoggedAt = context.Now,
        };
        var write = await records.ApplyAsync(volunteer.AadObjectId, draft.Id, before => RecordRules.Log(before, draft, context.Now), cancellationToken).ConfigureAwait(false);
        if (write.Before is { Status: RecordStatus.Confirmed } confirmed)
        {
            return TurnResult.Replace(HoursCards.Logged(L, confirmed, L["hours.log.alreadyConfirmed"]));
        }

        var result = TurnResult.Replace(HoursCards.Logged(L, write.After ?? draft, L["hours.log.done"]));
        if (write.Changed && project is not null)
        {
            // The committee may have archived the activity since it was read above: it goes back to 待归档 (see ArchiveGuard).
            var reopened = await ArchiveGuard.ReopenIfPendingAsync(context.Projects, records, project.Id, context.Zone, context.Now, cancellationToken).ConfigureAwait(false);
            if (reopened?.Archived is { ArchivedByAadObjectId: { } archiver } archived)
            {
                var nl = Localizer.For(LanguageCodes.Parse(context.DefaultLanguage) ?? Language.ZhCn);
                result.Notify(archiver, nl.Format("projects.archive.reopened", archived.Title, volunteer.Name),
                    $"project.archive.reopened:{archived.Id}:{archived.ArchivedAt?.UtcTicks}");
            }
        }

        return result;
    }

    /// <summary>The card's starting values: from the quick form when one was typed, else the latest activity.</summary>
    private CardData Prefill(Turn turn, IReadOnlyList<Project> candidates)
    {
        var quick = QuickLogParser.Parse(turn.Arguments);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (quick.Hours is { } h)
        {
            values[HoursCards.HoursField] = HoursRules.Format(h);
        }

        var project = QuickLogParser.MeansCommunity(quick.Text)
            ? null
            : QuickLogParser.BestMatch(candidates, quick.Text, p => [p.Title, HoursContext.CategoryName(turn.L, p), p.CategoryId]);
        var today = context.Today;
        if (project is not null)
        {
            values[HoursCards.Project] = project.Id;
            var start = context.LocalDate(project.Start);
            values[HoursCards.Date] = HoursContext.Format(start > today ? today : start);
            if (quick.Text.Length > 0 && !project.Title.Contains(quick.Text, StringComparison.OrdinalIgnoreCase))
            {
                values[HoursCards.Content] = quick.Text;
            }
        }
        else
        {
            if (QuickLogParser.MeansCommunity(quick.Text) || (quick.Text.Length > 0 && candidates.Count == 0))
            {
                values[HoursCards.Project] = HoursCards.Community;
            }

            values[HoursCards.Date] = HoursContext.Format(today);
            if (quick.Text.Length > 0)
            {
                values[HoursCards.Content] = quick.Text;
            }
        }

        return new CardData(values);
    }
}
