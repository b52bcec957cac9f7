using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In process (no generated project to build on a shared machine), a short job, allocations per call.
// Pass BenchmarkDotNet's own arguments through, e.g. --filter "*Card*".
var config = ManualConfig.CreateEmpty()
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumnProvider(DefaultColumnProviders.Instance)
    .AddLogger(ConsoleLogger.Default)
    .AddExporter(MarkdownExporter.GitHub)
    .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "volunteerbot-micro-benchmarks"));
BenchmarkSwitcher.FromAssembly(typeof(VolunteerBot.Benchmarks.Micro.CardBenchmarks).Assembly).Run(args, config);
