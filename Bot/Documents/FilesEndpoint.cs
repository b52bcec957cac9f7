namespace VolunteerBot.Documents;

/// <summary>
/// <c>GET /files/{token}</c>: streams a generated file while its link is valid; an unknown, malformed or expired token
/// gets 404 (the same answer for all, so a probe learns nothing). Files are private and never cached on the way.
/// </summary>
public static class FilesEndpoint
{
    public static async Task<IResult> HandleAsync(string token, DocumentLinkStore links, DocumentService documents, HttpContext context, CancellationToken cancellationToken)
    {
        var file = await links.ResolveAsync(token, cancellationToken).ConfigureAwait(false);
        if (file is null)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "private, no-store";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        var stream = await documents.OpenAsync(file.BlobName, cancellationToken).ConfigureAwait(false);

        // ASP.NET Core writes both filename (ASCII fallback) and filename* (UTF-8, RFC 6266) for the Chinese name.
        return Results.File(stream, file.ContentType, file.FileName);
    }
}
