using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Handlers.Core;

/// <summary>
/// The user's own choice wins; otherwise the organisation default. activity.locale never decides:
/// the Playground always sends en-US and staff with English Teams still expect the office's Chinese.
/// </summary>
public sealed class LanguageResolver(IUserSettingsStore settings, IOptions<VolunteeringOptions> options)
{
    public Language Default => LanguageCodes.Parse(options.Value.DefaultLanguage) ?? Language.ZhCn;

    public async Task<Language> ResolveAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var stored = await settings.GetAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        return stored?.Language ?? Default;
    }
}
