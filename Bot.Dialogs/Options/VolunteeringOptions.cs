namespace VolunteerBot.Dialogs.Options;

/// <summary>The <c>Volunteering</c> configuration section (DESIGN.md, operational contract).</summary>
public sealed class VolunteeringOptions
{
    public const string Section = "Volunteering";

    /// <summary>Entra object ids of the Party committee (机关党委), the administrators.</summary>
    public List<string> CommitteeAadObjectIds { get; set; } = [];

    /// <summary>IANA zone for dates and quarters; the department works in Asia/Shanghai.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Interface language unless a user chose another: zh-CN or en-US.</summary>
    public string DefaultLanguage { get; set; } = "zh-CN";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public bool IsCommittee(string aadObjectId) =>
        CommitteeAadObjectIds.Any(id => string.Equals(id, aadObjectId, StringComparison.OrdinalIgnoreCase));
}
