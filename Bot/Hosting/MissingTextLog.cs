using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Hosting;

/// <summary>
/// Missing texts: in Development they throw (as in tests), so a missing key is seen at once; in production the user
/// sees the Chinese text or the key and a warning is logged once per key and language.
/// </summary>
internal sealed partial class MissingTextLog(IHostEnvironment environment, ILogger<MissingTextLog> logger) : IHostedService
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Language, string), bool> _seen = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment())
        {
            TextCatalog.Mode = MissingTextMode.Throw;
        }

        TextCatalog.MissingText += OnMissing;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        TextCatalog.MissingText -= OnMissing;
        return Task.CompletedTask;
    }

    private void OnMissing(Language language, string key)
    {
        if (_seen.TryAdd((language, key), true))
        {
            LogMissing(logger, key, language.Code());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Text {Key} is missing from the {Language} catalogue (Resources/<language>/*.json); the user sees the fallback text or the key.")]
    private static partial void LogMissing(ILogger logger, string key, string language);
}
