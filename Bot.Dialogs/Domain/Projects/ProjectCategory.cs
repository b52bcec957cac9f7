namespace VolunteerBot.Dialogs.Domain.Projects;

/// <summary>
/// One project category (R8). General categories come from the seed's part 3(2)3; industry-specific ones
/// (行业特色, part 3(2)4) are tied to the divisions whose work they grow out of, by the seed's division names.
/// </summary>
public sealed record ProjectCategory(string Id, string NameZh, string NameEn, bool IsIndustry, IReadOnlyList<string> SuggestedDivisionNames)
{
    public string Name(Localization.Language language) => language == Localization.Language.EnUs ? NameEn : NameZh;
}

/// <summary>The fixed category list. Ids are stored; never rename one, add a new id instead.</summary>
public static class ProjectCategories
{
    public static readonly IReadOnlyList<ProjectCategory> All =
    [
        General("civilised-traffic", "文明交通", "Civilised traffic"),
        General("civilised-tourism", "文明旅游", "Civilised tourism"),
        General("poverty-relief", "扶贫助困", "Poverty relief"),
        General("elderly-children", "敬老爱幼", "Caring for the elderly and children"),
        General("energy-environment", "节能环保", "Energy saving and environment"),
        General("integrity-publicity", "诚信宣传", "Integrity publicity"),
        General("waste-sorting", "垃圾分类", "Waste sorting"),
        General("patriotic-health", "爱国卫生运动", "Patriotic health campaign"),
        General("party-volunteer-day", "区直机关党员志愿服务日", "Party-member volunteer day"),
        General("civilised-city", "文明城市创建（包抓小区、街巷）", "Civilised-city creation (blocks and streets)"),
        General("front-door-three", "门前三包", "Three guarantees in front of the door"),
        General("community-service", "社区志愿服务", "Community service where you live"),
        Industry("enterprise-law", "企业普法宣传", "Enterprise law publicity", "政策法规处"),
        Industry("sme-day", "中小企业日", "SME day", "中小企业处"),
        Industry("entrepreneurship", "创业创新", "Entrepreneurship and innovation", "创业和融资服务处"),
        Industry("food-integrity", "食品企业诚信体系建设", "Food-enterprise integrity", "消费品工业处"),
        Industry("industrial-energy", "工业节能环保", "Industrial energy saving", "节能与综合利用处"),
        Industry("cybersecurity", "网络安全", "Cybersecurity"),
        Industry("industry-other", "其他行业特色服务", "Other industry-specific service"),
    ];

    private static readonly Dictionary<string, ProjectCategory> ById = All.ToDictionary(c => c.Id, StringComparer.Ordinal);

    public static ProjectCategory? Find(string? id) => id is not null && ById.TryGetValue(id, out var c) ? c : null;

    private static ProjectCategory General(string id, string zh, string en) => new(id, zh, en, false, []);

    private static ProjectCategory Industry(string id, string zh, string en, params string[] divisions) => new(id, zh, en, true, divisions);
}
