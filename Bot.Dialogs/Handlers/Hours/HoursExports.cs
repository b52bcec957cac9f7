using System.Globalization;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>
/// The committee's workbooks, described as data (the host renders them). Headers are in Chinese: the files go to the
/// national volunteer service information system (全国志愿服务信息系统) and to the department's notice board.
/// </summary>
public static class HoursExports
{
    public static readonly IReadOnlyList<string> RecordHeaders =
        ["志愿者姓名", "志愿者编号（全国志愿服务信息系统）", "所在处室", "项目名称", "项目申报编号", "服务日期", "服务地点", "服务内容", "服务时长（小时）", "服务质量", "组织单位", "确认人", "确认时间"];

    public static readonly IReadOnlyList<string> PointsHeaders = ["处室", "处室内排名", "姓名", "服务时长（小时）", "积分"];

    public static readonly IReadOnlyList<string> OutstandingHeaders = ["序号", "姓名", "处室", "服务时长（小时）", "积分"];

    public static readonly IReadOnlyList<string> TeamHeaders = ["处室", "注册志愿者", "参与人数", "参与率", "人均时长（小时）", "是否达到目标（90%，4小时）"];

    /// <summary>(a) Confirmed service records of a period for entry in the national system (R10, R11).</summary>
    public static Spreadsheet Records(IEnumerable<ServiceRecord> records, IReadOnlyDictionary<string, Volunteer> volunteers, IReadOnlyDictionary<string, string> divisionNames,
        DateOnly from, DateOnly to, Func<DateTimeOffset, string> format)
    {
        string Name(string id) => divisionNames.GetValueOrDefault(id, id);
        var rows = records
            .Where(r => r.Status == RecordStatus.Confirmed)
            .OrderBy(r => r.Date).ThenBy(r => Name(r.DivisionId), StringComparer.Ordinal).ThenBy(r => r.VolunteerName, StringComparer.Ordinal)
            .Select(r => (IReadOnlyList<object?>)
            [
                r.VolunteerName,
                volunteers.GetValueOrDefault(r.VolunteerAadObjectId)?.NationalVolunteerId ?? "",
                Name(r.DivisionId),
                r.ProjectTitle,
                r.DeclarationNumber ?? "",
                r.Date,
                r.Place,
                r.Content.Length > 0 ? r.Content : r.ProjectTitle,
                r.Hours,
                Quality(r.Quality),
                r.IsCentralised ? "机关党委（集中志愿服务）" : string.Join("、", r.OrganiserDivisionIds.Select(Name)),
                r.DecidedByName ?? "",
                r.DecidedAt is { } at ? format(at) : "",
            ])
            .ToList();
        var zh = Localizer.For(Language.ZhCn);
        var name = $"志愿服务记录-{zh.FileDate(from)}-{zh.FileDate(to)}.xlsx";
        return new Spreadsheet(name, [new Sheet("服务记录", RecordHeaders, rows)]);
    }

    /// <summary>(b) The annual points publication (R15): every registered staff member, by division, ranked by points.</summary>
    public static Spreadsheet Points(int year, IEnumerable<YearSummary> summaries, IEnumerable<Volunteer> volunteers, IReadOnlyDictionary<string, string> divisionNames)
    {
        var byVolunteer = summaries.ToDictionary(s => s.VolunteerAadObjectId, StringComparer.OrdinalIgnoreCase);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var division in volunteers.GroupBy(v => v.DivisionId).OrderBy(g => divisionNames.GetValueOrDefault(g.Key, g.Key), StringComparer.Ordinal))
        {
            var ranked = division
                .Select(v => (v, s: byVolunteer.GetValueOrDefault(v.AadObjectId)))
                .OrderByDescending(x => x.s?.Points ?? 0).ThenByDescending(x => x.s?.Hours ?? 0).ThenBy(x => x.v.Name, StringComparer.Ordinal)
                .ToList();
            var rank = 0;
            var previous = (Points: -1, Hours: -1m);
            for (var i = 0; i < ranked.Count; i++)
            {
                var (v, s) = ranked[i];
                var current = (Points: s?.Points ?? 0, Hours: s?.Hours ?? 0);
                rank = current == previous ? rank : i + 1; // equal figures share a rank
                previous = current;
                rows.Add([divisionNames.GetValueOrDefault(division.Key, division.Key), rank, v.Name, current.Hours, current.Points]);
            }
        }

        return new Spreadsheet($"{year}年度志愿服务积分公示.xlsx", [new Sheet($"{year}年度积分", PointsHeaders, rows)]);
    }

    /// <summary>(c) Outstanding volunteers (≥ 20 hours, R14) and candidate outstanding teams (divisions meeting R6).</summary>
    public static Spreadsheet Outstanding(int year, IReadOnlyList<YearSummary> outstanding, IReadOnlyList<DivisionStanding> divisions,
        IReadOnlyDictionary<string, string> currentDivisionOf, IReadOnlyDictionary<string, string> divisionNames)
    {
        string Name(string id) => divisionNames.GetValueOrDefault(id, id);
        var people = outstanding.Select((s, i) => (IReadOnlyList<object?>)
            [i + 1, s.VolunteerName, Name(currentDivisionOf.GetValueOrDefault(s.VolunteerAadObjectId, "")), s.Hours, s.Points]).ToList();
        var teams = divisions.Select(d => (IReadOnlyList<object?>)
            [Name(d.DivisionId), d.Members, d.Participants, TextFormat.Percent(d.ParticipationRate), Math.Round(d.AverageHours, 1), d.MeetsTargets ? "是（候选）" : "否"]).ToList();
        return new Spreadsheet($"{year}年度优秀志愿者和优秀团队候选.xlsx",
            [new Sheet("优秀志愿者", OutstandingHeaders, people), new Sheet("优秀团队候选", TeamHeaders, teams)]);
    }

    private static string Quality(ServiceQuality? q) => q switch
    {
        ServiceQuality.Good => "好",
        ServiceQuality.Fair => "一般",
        ServiceQuality.Poor => "差",
        _ => "",
    };
}
