using VolunteerBot.Benchmarks;

// Usage (scripts/bench-delivery.sh runs it):
//   VolunteerBot.Benchmarks deployed --storage <connection string> --bot <path to VolunteerBot.dll (Release)>
//       [--recipients 10000] [--latency-ms 0] [--error-rate 0.01] [--kill-at 0.5] [--create true]
//       [--azurite-pid N] [--label text] [--out file.md] [--logs dir]
var options = Args.Parse(args);
var storage = options.Get("storage") ?? Environment.GetEnvironmentVariable("VOLUNTEERBOT_BENCH_STORAGE") ?? "UseDevelopmentStorage=true";
return args.FirstOrDefault() switch
{
    "deployed" => await DeployedRun.RunAsync(new DeployedSettings(
        storage,
        options.Get("bot") ?? throw new ArgumentException("--bot is required (the Release build's VolunteerBot.dll)"),
        options.GetInt("recipients") ?? 10_000,
        TimeSpan.FromMilliseconds(options.GetInt("latency-ms") ?? 0),
        options.GetDouble("error-rate") ?? 0.01,
        options.GetDouble("kill-at") ?? 0,
        options.Get("create") is "true" or "1",
        options.GetInt("azurite-pid"),
        options.Get("label") ?? "deployed shape",
        options.Get("out"),
        options.Get("logs") ?? Path.Combine(Path.GetTempPath(), "volunteerbot-bench"))),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: VolunteerBot.Benchmarks deployed --storage <cs> --bot <VolunteerBot.dll> [--recipients N] [--latency-ms 150] [--error-rate 0.01] [--kill-at 0.5] [--create true] [--azurite-pid N] [--label text] [--out file] [--logs dir]");
    return 2;
}

internal sealed record Args(Dictionary<string, string> Values)
{
    public static Args Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length - 1; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                values[args[i][2..]] = args[++i];
            }
        }

        return new Args(values);
    }

    public string? Get(string key) => Values.TryGetValue(key, out var v) ? v : null;

    public int? GetInt(string key) => Get(key) is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    public double? GetDouble(string key) => Get(key) is { } v ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;
}
