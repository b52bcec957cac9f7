using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VolunteerBot.Tests.Trust;

/// <summary>
/// Robustness (issue 13, item 11): thousands of generated hostile activities through the real pipeline (the bot's
/// host on Azurite, one host for all cases): wrong JSON types, missing fields, 100 KB strings, control characters,
/// deep nesting, unknown verbs, other roles' verbs and commands, forged card data naming someone else, and row-key
/// characters (/ \ # ? and control characters) in every id. Every case must answer below 500, log no error, and a
/// refused case must write nothing: a refused request (any non-200) no storage write at all, a turn the bot refused
/// (a stranger running a verb or command of a higher role) nothing but its bookkeeping rows.
/// </summary>
public sealed class HostileInputFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 2000;

    /// <summary>What a turn may write whatever it then refuses: its conversation reference and its replay claim.</summary>
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal) { "ConversationRefs", "Idempotency", "IdempotencyExpiry" };

    private static readonly string[] RowKeyHostile = ["a/b", "a\\b", "a#b", "a?b", "a\u0000b", "a\u001fb", "a\u007fb", "../../x", "%2F", "", " ", "\t\r\n"];
    private static readonly string[] ControlText = ["\u0000", "\u0001", "\u0007", "\u001b[31m", "\u007f", "\u200b", "\u202e", "\ufeff", "\r\n", "\u2028", "\t"];
    private static readonly string[] HigherCommands = ["我的资料", "导出记录", "本处室名册", "立即提醒", "积分公示", "发布项目", "名册", "处室管理", "证书", "反馈", "export", "roster", "remind now"];

    private enum Kind
    {
        WrongType,
        MissingField,
        HugeString,
        ControlCharacters,
        DeepNesting,
        UnknownVerb,
        OtherRoleVerb,
        OtherRoleCommand,
        ForgedCardData,
        RowKeyCharacters,
        NotJson,
    }

    private sealed record Case(Kind Kind, string Body, bool Stranger);

    [Fact]
    public async Task Post_GeneratedHostileActivities_NoServerErrorNoLoggedErrorNoWriteWhenRefused()
    {
        await using var connector = await FakeConnector.StartAsync();
        var log = new RecordingLoggerProvider();
        var counter = new StorageRequestCounter();
        await using var bot = new BotFactory(connector, new Dictionary<string, string?>
        {
            // The per-user limits would refuse repeats early; the fuzz wants every case to reach the handlers.
            ["RateLimits:Enabled"] = "false",
        })
        {
            Replace = s =>
            {
                s.AddSingleton<ILoggerProvider>(log);
                counter.Register(s);
            },
        };
        bot.Server.PreserveExecutionContext = true;
        var router = bot.Service<TurnRouter>();
        var higherVerbs = router.Handlers.Where(h => h.Route.Required > Role.Anyone).SelectMany(h => h.Route.Verbs).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(higherVerbs);
        var cases = Generator(connector.Url, higherVerbs).Sample(Cases);

        var results = new ConcurrentBag<(Case Case, int Status, StorageRequest[] Requests, string? Crash)>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, _) =>
        {
            var requests = counter.Begin();
            int status;
            string? crash = null;
            try
            {
                status = (int)await bot.SendRawAsync(Encoding.UTF8.GetBytes(c.Body));
            }
            catch (Exception ex)
            {
                // The test host rethrows what the pipeline did not handle: that is a 500 in production.
                status = 500;
                crash = ex.GetType().Name + ": " + ex.Message;
            }

            results.Add((c, status, [.. requests], crash));
        });

        var serverErrors = results.Where(r => r.Status >= 500).ToList();
        var summary = $"fuzz: {results.Count} cases, {serverErrors.Count} 5xx";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        foreach (var group in results.GroupBy(r => (r.Case.Kind, r.Status)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Status))
        {
            output.WriteLine($"  {group.Key.Kind}: {group.Key.Status} × {group.Count()}");
        }

        Assert.Equal(Cases, results.Count);
        var errors = log.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.True(serverErrors.Count == 0, string.Join("\n\n", serverErrors.Take(3).Select(r => $"{r.Case.Kind} → {r.Status} {r.Crash}\n{Shorten(r.Case.Body)}"))
            + "\n\nlogged: " + string.Join("\n\n", errors.Take(2).Select(e => $"{e.Category} {e.EventId}: {e.Message}\n{e.Exception}")));
        Assert.True(errors.Count == 0, string.Join("\n\n", errors.Take(3).Select(e => $"{e.Category} {e.EventId}: {e.Message}\n{e.Exception}")));

        static bool IsWrite(StorageRequest r) => r.Method is not ("GET" or "HEAD");
        // The counter does see this pipeline: accepted turns read, and keep their bookkeeping rows.
        Assert.Contains(results, r => r.Status == 200 && r.Requests.Any(q => IsWrite(q) && Bookkeeping.Contains(q.Target)));
        var refusedRequestWrites = results.Where(r => r.Status != 200 && r.Requests.Any(IsWrite)).ToList();
        Assert.True(refusedRequestWrites.Count == 0, string.Join("\n\n", refusedRequestWrites.Take(3).Select(r =>
            $"{r.Case.Kind} → {r.Status} wrote {string.Join(", ", r.Requests.Where(IsWrite))}\n{Shorten(r.Case.Body)}")));
        var refusedTurnWrites = results.Where(r => r.Status == 200 && r.Case.Stranger && r.Case.Kind is Kind.OtherRoleVerb or Kind.OtherRoleCommand or Kind.ForgedCardData
            && r.Requests.Any(q => IsWrite(q) && !Bookkeeping.Contains(q.Target))).ToList();
        Assert.True(refusedTurnWrites.Count == 0, string.Join("\n\n", refusedTurnWrites.Take(3).Select(r =>
            $"{r.Case.Kind} wrote {string.Join(", ", r.Requests.Where(q => IsWrite(q) && !Bookkeeping.Contains(q.Target)))}\n{Shorten(r.Case.Body)}")));
    }

    private static string Shorten(string body) => body.Length > 600 ? body[..600] + $"… ({body.Length} chars)" : body;

    /// <summary>One hostile activity per sample; the stranger is a tenant member who never registered.</summary>
    private static Gen<Case> Generator(string serviceUrl, string[] higherVerbs)
    {
        var stranger = Gen.Elements(TestUser.New("陌生人甲"), TestUser.New("陌生人乙"), TestUser.New("陌生人丙"));
        var anyString = Gen.OneOf(
            Gen.Elements(RowKeyHostile),
            Gen.Elements(ControlText),
            Gen.Elements("", "null", "0", "-1", "1e309", "true", "[]", "{}", "<script>", "[核验](https://evil.example)", "'; DROP TABLE x;--", "\"", "\\"),
            Gen.Choose(0, 0xD7FF).ArrayOf().Select(cs => new string([.. cs.Take(40).Select(c => (char)c)])));
        var wrongValue = Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Choose(int.MinValue, int.MaxValue).Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Elements<JsonNode?>(JsonValue.Create(true), JsonValue.Create(1.5e300)),
            Gen.Constant(0).Select(_ => (JsonNode?)new JsonArray(1, "x", null)),
            Gen.Constant(0).Select(_ => (JsonNode?)new JsonObject { ["x"] = 1 }),
            anyString.Select(s => (JsonNode?)JsonValue.Create(s)));
        string[] paths = ["type", "id", "serviceUrl", "channelId", "text", "name", "value", "from", "from.id", "from.aadObjectId", "from.name",
            "conversation", "conversation.id", "conversation.tenantId", "conversation.conversationType", "recipient", "channelData",
            "channelData.tenant", "channelData.tenant.id", "value.action", "value.action.verb", "value.action.data", "attachments", "entities", "locale"];
        var path = Gen.Elements(paths);
        var type = Gen.Elements("message", "invoke");
        var verb = Gen.Elements(higherVerbs);
        var forged = Gen.Elements<Func<JsonObject>>(
            () => new JsonObject { ["aadObjectId"] = BotFactory.CommitteeId },
            () => new JsonObject { ["volunteerId"] = BotFactory.CommitteeId, ["userId"] = BotFactory.CommitteeId, ["from"] = BotFactory.CommitteeId },
            () => new JsonObject { ["projectId"] = "2026/../../Projects", ["divisionId"] = "d#1?x", ["id"] = "a\\b" },
            () => new JsonObject { ["role"] = "Committee", ["isCommittee"] = true, ["liaisonOf"] = new JsonArray("d-1") },
            () => new JsonObject { ["recordId"] = "r/1", ["status"] = "Approved", ["hours"] = 1e9, ["points"] = -5 });

        JsonObject Base(TestUser user, string t) => t == "invoke"
            ? TestActivities.Invoke(serviceUrl, user, higherVerbs[0])
            : TestActivities.Message(serviceUrl, user, "帮助");

        var wrongType = Gen.Zip(stranger, Gen.Zip(type, Gen.Zip(path, wrongValue))).Select(x =>
        {
            var o = Base(x.Item1, x.Item2.Item1);
            Set(o, x.Item2.Item2.Item1, x.Item2.Item2.Item2);
            return new Case(Kind.WrongType, o.ToJsonString(), true);
        });
        var missing = Gen.Zip(stranger, Gen.Zip(type, path.ArrayOf())).Select(x =>
        {
            var o = Base(x.Item1, x.Item2.Item1);
            foreach (var p in x.Item2.Item2.Take(4))
            {
                Remove(o, p);
            }

            return new Case(Kind.MissingField, o.ToJsonString(), true);
        });
        var huge = Gen.Zip(stranger, Gen.Zip(type, Gen.Elements("text", "from.name", "value.action.data", "conversation.id", "id", "from.aadObjectId", "locale"))).Select(x =>
        {
            var o = Base(x.Item1, x.Item2.Item1);
            Set(o, x.Item2.Item2, JsonValue.Create(new string('测', 100 * 1024 / 3)));
            return new Case(Kind.HugeString, o.ToJsonString(), true);
        });
        var control = Gen.Zip(stranger, Gen.Zip(Gen.Elements(ControlText).ArrayOf(), Gen.Elements("text", "from.name", "locale", "value.action.verb", "name"))).Select(x =>
        {
            var o = Base(x.Item1, x.Item2.Item2.StartsWith("value", StringComparison.Ordinal) || x.Item2.Item2 == "name" ? "invoke" : "message");
            Set(o, x.Item2.Item2, JsonValue.Create("我的资料" + string.Concat(x.Item2.Item1.Take(12)) + "导出"));
            var json = o.ToJsonString();

            // A lone surrogate too, which only raw JSON can carry.
            return new Case(Kind.ControlCharacters, x.Item2.Item1.Length % 3 == 0 ? json.Replace("我的资料", "\\ud800我的资料", StringComparison.Ordinal) : json, true);
        });
        var deep = Gen.Zip(stranger, Gen.Choose(10, 20_000)).Select(x =>
        {
            var o = Base(x.Item1, "invoke");
            o["value"] = "NEST";
            var depth = x.Item2 > 5000 ? x.Item2 : x.Item2 / 200;
            var nest = x.Item2 % 2 == 0
                ? new string('[', depth) + new string(']', depth)
                : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
            return new Case(Kind.DeepNesting, o.ToJsonString().Replace("\"NEST\"", nest, StringComparison.Ordinal), true);
        });
        var unknownVerb = Gen.Zip(stranger, anyString).Select(x =>
            new Case(Kind.UnknownVerb, TestActivities.Invoke(serviceUrl, x.Item1, "x." + x.Item2, new { a = x.Item2 }).ToJsonString(), true));
        var otherRoleVerb = Gen.Zip(stranger, verb).Select(x =>
            new Case(Kind.OtherRoleVerb, TestActivities.Invoke(serviceUrl, x.Item1, x.Item2).ToJsonString(), true));
        var otherRoleCommand = Gen.Zip(stranger, Gen.Zip(Gen.Elements(HigherCommands), Gen.Elements("personal", "groupChat", "channel"))).Select(x =>
            new Case(Kind.OtherRoleCommand, TestActivities.Message(serviceUrl, x.Item1, x.Item2.Item1, x.Item2.Item2).ToJsonString(), true));
        var forgedData = Gen.Zip(stranger, Gen.Zip(verb, forged)).Select(x =>
        {
            var o = TestActivities.Invoke(serviceUrl, x.Item1, x.Item2.Item1);
            o["value"]!["action"]!["data"] = x.Item2.Item2();
            return new Case(Kind.ForgedCardData, o.ToJsonString(), true);
        });
        var rowKeys = Gen.Zip(Gen.Elements(RowKeyHostile), Gen.Zip(type, Gen.Elements("id", "conversation.id", "from.aadObjectId", "from.id", "replyToId"))).Select(x =>
        {
            var o = Base(new TestUser(x.Item1, "坏键"), x.Item2.Item1);
            Set(o, x.Item2.Item2, JsonValue.Create(x.Item1));
            return new Case(Kind.RowKeyCharacters, o.ToJsonString(), true);
        });
        var notJson = Gen.Elements("", "null", "[]", "\"message\"", "{", "{\"type\":", "\u0000\u0001", "{\"type\":\"message\"}", "<xml/>", "{\"type\":\"message\",\"type\":\"invoke\"}")
            .Select(s => new Case(Kind.NotJson, s, true));

        return Gen.Frequency(
            (15, wrongType), (10, missing), (3, huge), (10, control), (4, deep), (10, unknownVerb),
            (15, otherRoleVerb), (8, otherRoleCommand), (12, forgedData), (10, rowKeys), (3, notJson));
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject next)
            {
                next = [];
                node[part] = next;
            }

            node = next;
        }

        node[parts[^1]] = value?.DeepClone();
    }

    private static void Remove(JsonObject root, string path)
    {
        var parts = path.Split('.');
        JsonObject? node = root;
        foreach (var part in parts[..^1])
        {
            node = node?[part] as JsonObject;
        }

        node?.Remove(parts[^1]);
    }
}
