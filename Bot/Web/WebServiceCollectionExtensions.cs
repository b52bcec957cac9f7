using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VolunteerBot.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>The 数据看板 tab: SSO validation, the reader and its cache (store: AddVolunteerStorage; monthly totals job: AddVolunteerJobs).</summary>
    public static IServiceCollection AddVolunteerWeb(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section)
            .Validate(o => o.CacheFor > TimeSpan.Zero, "Dashboard:CacheFor must be positive.")
            .ValidateOnStart();
        services.AddOptions<Dialogs.Options.DashboardLinkOptions>().BindConfiguration(Dialogs.Options.DashboardLinkOptions.Section);
        services.AddHttpClient(DashboardAuthenticator.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DashboardAuthenticator>();
        services.AddSingleton<DashboardCache>();
        services.AddSingleton<DashboardRoles>();
        services.AddSingleton<DashboardReader>();
        return services;
    }

    /// <summary>
    /// Serves the tab's bundled page from wwwroot/tab (built by Bot/Web/client, carried by <c>dotnet publish</c>) with a
    /// policy that lets only Teams frame it and loads nothing from elsewhere (no CDN).
    /// </summary>
    public static WebApplication UseVolunteerDashboardPage(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.Value == "/tab")
            {
                context.Response.Redirect("/tab/");
                return;
            }

            if (context.Request.Path.StartsWithSegments("/tab", StringComparison.Ordinal))
            {
                context.Response.Headers.ContentSecurityPolicy =
                    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
                    "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.office.com https://*.cloud.microsoft " +
                    "https://*.microsoft365.com https://teams.microsoftonline.cn https://*.teams.microsoftonline.cn";
                context.Response.Headers.XContentTypeOptions = "nosniff";
            }

            await next(context);
        });
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = "/tab", FileProvider = TabFiles(app) });
        app.UseStaticFiles(new StaticFileOptions { RequestPath = "/tab", FileProvider = TabFiles(app), ContentTypeProvider = types });
        return app;
    }

    private static Microsoft.Extensions.FileProviders.IFileProvider TabFiles(WebApplication app)
    {
        var root = Path.Combine(app.Environment.WebRootPath ?? Path.Combine(app.Environment.ContentRootPath, "wwwroot"), "tab");
        Directory.CreateDirectory(root);
        return new Microsoft.Extensions.FileProviders.PhysicalFileProvider(root);
    }
}
