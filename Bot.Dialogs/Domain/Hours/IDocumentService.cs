namespace VolunteerBot.Dialogs.Domain.Hours;

/// <summary>An expiring, unguessable download link to a generated file kept in private storage.</summary>
public sealed record DocumentLink(string Url, DateTimeOffset ExpiresAt, string FileName);

/// <summary>One worksheet: headers and rows (strings, numbers, dates).</summary>
public sealed record Sheet(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>A workbook the dialogs describe and the host renders (Excel).</summary>
public sealed record Spreadsheet(string FileName, IReadOnlyList<Sheet> Sheets);

/// <summary>One service line on a certificate.</summary>
public sealed record CertificateLine(DateOnly Date, string Project, decimal Hours);

/// <summary>What a certificate of service (志愿服务证明) states; the number is given when it is issued.</summary>
public sealed record CertificateContent(
    string VolunteerAadObjectId,
    string Name,
    string? NationalVolunteerId,
    string DivisionName,
    DateOnly From,
    DateOnly To,
    decimal TotalHours,
    IReadOnlyList<CertificateLine> Services,
    DateOnly IssuedOn);

/// <summary>A certificate issued and logged with its number.</summary>
public sealed record IssuedCertificate(string Number, DocumentLink Link, bool Repeated);

/// <summary>
/// Files for volunteers and the committee: rendered, stored privately and handed out through expiring links.
/// Implemented by the host (PDF, Excel, blobs); the dialogs only describe the content.
/// </summary>
public interface IDocumentService
{
    /// <summary>
    /// Numbers, logs, renders and stores a certificate. <paramref name="requestId"/> makes a double tap harmless:
    /// the same request gets the same certificate (with a fresh link).
    /// </summary>
    Task<IssuedCertificate> IssueCertificateAsync(CertificateContent content, string requestId, CancellationToken cancellationToken);

    /// <summary>Renders a workbook and returns a link to it.</summary>
    Task<DocumentLink> PublishSpreadsheetAsync(Spreadsheet spreadsheet, string requestedByAadObjectId, CancellationToken cancellationToken);
}
