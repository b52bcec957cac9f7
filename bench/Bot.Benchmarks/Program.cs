using VolunteerBot.Benchmarks;

// Usage:
//   VolunteerBot.Benchmarks run --storage <connection string> [--recipients 10000] [--kill-at 0.5] [--error-rate 0.01] [--out file.md]
//   VolunteerBot.Benchmarks sender --storage <connection string> --prefix <table prefix>   (started by "run")
var options = Args.Parse(args);
var storage = options.Get("storage") ?? Environment.GetEnvironmentVariable("VOLUNTEERBOT_BENCH_STORAGE") ?? "UseDevelopmentStorage=true";
return args.FirstOrDefault() switch
{
    "sender" => await SenderProcess.RunAsync(storage, options.Get("prefix") ?? throw new ArgumentException("--prefix is required")),
    "run" => await Orchestrator.RunAsync(new BenchmarkSettings(
        storage,
        options.GetInt("recipients") ?? 10_000,
        options.GetDouble("kill-at") ?? 0,
        options.GetDouble("error-rate") ?? 0.01,
        options.Get("out"))),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: VolunteerBot.Benchmarks run --storage <cs> [--recipients N] [--kill-at 0.5] [--error-rate 0.01] [--out file]");
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
