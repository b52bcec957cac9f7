namespace VolunteerBot.Dialogs.Cards;

/// <summary>Every card verb of service hours, records and points: cards send them, handlers route on them.</summary>
public static class HoursVerbs
{
    public const string ActivityOpen = "hours.activity.open";
    public const string ActivityPage = "hours.activity.page";
    public const string ActivitySubmit = "hours.activity.submit";
    public const string CertificateOpen = "hours.certificate.open";
    public const string CertificateSubmit = "hours.certificate.submit";
    public const string ExportOpen = "hours.export.open";
    public const string ExportSubmit = "hours.export.submit";
    public const string LogOpen = "hours.log.open";
    public const string LogSubmit = "hours.log.submit";
    public const string OutstandingOpen = "hours.outstanding.open";
    public const string OutstandingSubmit = "hours.outstanding.submit";
    public const string Pending = "hours.pending";
    public const string PublishOpen = "hours.publish.open";
    public const string PublishSubmit = "hours.publish.submit";
    public const string RedeemOpen = "hours.redeem.open";
    public const string RedeemSubmit = "hours.redeem.submit";
    public const string ReviewConfirm = "hours.review.confirm";
    public const string ReviewOpen = "hours.review.open";
    public const string ReviewReject = "hours.review.reject";
    public const string RulesOpen = "hours.rules.open";
    public const string RulesSubmit = "hours.rules.submit";
    public const string RecordShow = "record.show";
}
