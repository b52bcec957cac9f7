using Microsoft.Extensions.DependencyInjection.Extensions;
using VolunteerBot.Dialogs.Domain.CheckIn;
using VolunteerBot.Dialogs.Handlers.CheckIn;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Documents;
using VolunteerBot.Jobs;
using VolunteerBot.Storage.CheckIn;

namespace VolunteerBot.CheckIn;

/// <summary>Check-in at the venue (issue 16): the store, the deep link and QR image, the flow, and the hours sweep.</summary>
public static class CheckInServiceCollectionExtensions
{
    public static IServiceCollection AddVolunteerCheckIn(this IServiceCollection services)
    {
        services.AddOptions<CheckInOptions>().BindConfiguration(CheckInOptions.Section);
        services.AddSingleton<ICheckInStore, CheckInTableStore>();
        services.AddSingleton<ICheckInLinks, CheckInQrCodes>();
        services.TryAddSingleton<CheckInFlow>();
        services.AddOptions<CheckInHoursOptions>().BindConfiguration(CheckInHoursOptions.Section);
        services.AddSingleton<CheckInHoursSweep>();
        services.AddHostedService<CheckInHoursService>();
        return services;
    }
}
