using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VolunteerBot.Reminders;
using VolunteerBot.Delivery;

namespace VolunteerBot.Tests.Reminders;

public sealed class ReminderSendingOptionsTests
{
    private static ReminderSendingOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddReminderSending();
        return services.BuildServiceProvider().GetRequiredService<IOptions<ReminderSendingOptions>>().Value;
    }

    [Fact]
    public void Defaults_LeaseOutlastsTheSendTimeout()
    {
        var o = Resolve([]);

        Assert.True(o.SendingLease > o.SendTimeout);
    }

    [Theory]
    [InlineData("00:01:00", "00:01:00")]
    [InlineData("00:02:00", "00:00:30")]
    public void LeaseNotLongerThanSendTimeout_IsRefused(string sendTimeout, string lease)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["Reminders:Sending:SendTimeout"] = sendTimeout,
            ["Reminders:Sending:SendingLease"] = lease,
        }));

        Assert.Contains("SendingLease must be longer than SendTimeout", error.Message, StringComparison.Ordinal);
    }
}
