using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Storage;

// The turn benchmark's helpers (scripts/bench-turns.sh runs them; docs/benchmarks.md explains the figures):
//   sink PORT                          a loopback stand-in for the Bot Connector: answers every send and update at once,
//                                      so the benchmark measures the bot and not a connector
//   seed CONNECTION PREFIX USERS       creates the tables, one division and USERS registered volunteers through the
//                                      product's stores; prints their Entra object ids, one a line
return args switch
{
    ["sink", var port] => await Sink.RunAsync(int.Parse(port, CultureInfo.InvariantCulture)),
    ["seed", var connection, var prefix, var users] => await Seed.RunAsync(connection, prefix, int.Parse(users, CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: sink PORT | seed CONNECTION PREFIX USERS");
    return 2;
}

internal static class Sink
{
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        long sent = 0;
        var answer = "{\"id\":\"sink\"}"u8.ToArray();
        app.Run(async context =>
        {
            // Drain the body (the bot's reply) without keeping it.
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            Interlocked.Increment(ref sent);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer, context.RequestAborted);
        });
        app.Lifetime.ApplicationStopping.Register(() => Console.WriteLine($"sink: {Interlocked.Read(ref sent)} activities received"));
        await app.RunAsync();
        return 0;
    }
}

internal static class Seed
{
    public static async Task<int> RunAsync(string connection, string prefix, int users)
    {
        var account = new StorageAccount(connection, prefix);
        await new StorageInitializer(account, NullLogger<StorageInitializer>.Instance).StartAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var division = (await new DivisionTableStore(account).CreateAsync("中小企业处", now, CancellationToken.None)).Division!;
        var volunteers = new VolunteerTableStore(account);
        for (var i = 0; i < users; i++)
        {
            var id = UserId(i);
            await volunteers.SaveAsync(new VolunteerProfile(id, "志愿者" + (i + 1).ToString(CultureInfo.InvariantCulture), division.Id, i % 2 == 0, null, null),
                now, today, CancellationToken.None);
            Console.WriteLine(id);
        }

        return 0;
    }

    private static string UserId(int i) => "00000000-0000-4000-8000-" + i.ToString("D12", CultureInfo.InvariantCulture);
}
