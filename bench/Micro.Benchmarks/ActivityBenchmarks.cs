using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using VolunteerBot.Channel;
using VolunteerBot.Channel.Schema;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Benchmarks.Micro;

/// <summary>The wire side of a turn: the incoming activity read, mapped to a turn, and the reply written.</summary>
[MemoryDiagnoser]
public class ActivityBenchmarks
{
    // Shaped like the Playground's recorded activities (../shared/samples/playground-activities).
    private const string MessageJson = """
        {"type":"message","id":"1f0c6a3e-0d7b-4e55-a2b4-6a1c1b2e9d11","timestamp":"2026-12-03T08:00:00.000Z","localTimestamp":"2026-12-03T16:00:00.000+08:00",
         "serviceUrl":"http://127.0.0.1:56150/_connector","channelId":"msteams",
         "from":{"id":"29:1abc","name":"王芳","aadObjectId":"9eade726-3eb3-4730-ab54-e51a78eca201"},
         "conversation":{"conversationType":"personal","tenantId":"72f988bf-0000-4000-8000-00000000c0de","id":"a:personal-9eade726"},
         "recipient":{"id":"28:00000000-0000-0000-0000-00000000b075","name":"学雷锋志愿服务"},
         "textFormat":"plain","locale":"en-US","text":"帮助","attachments":[],"entities":[{"type":"clientInfo","locale":"en-US","country":"US","platform":"Web","timezone":"Asia/Shanghai"}],
         "channelData":{"tenant":{"id":"72f988bf-0000-4000-8000-00000000c0de"}}}
        """;

    private const string InvokeJson = """
        {"type":"invoke","name":"adaptiveCard/action","id":"f:3b1d2c","timestamp":"2026-12-03T08:00:00.000Z",
         "serviceUrl":"http://127.0.0.1:56150/_connector","channelId":"msteams","replyToId":"card-1",
         "from":{"id":"29:1abc","name":"王芳","aadObjectId":"9eade726-3eb3-4730-ab54-e51a78eca201"},
         "conversation":{"conversationType":"personal","tenantId":"72f988bf-0000-4000-8000-00000000c0de","id":"a:personal-9eade726"},
         "recipient":{"id":"28:00000000-0000-0000-0000-00000000b075","name":"学雷锋志愿服务"},"locale":"en-US",
         "value":{"action":{"type":"Action.Execute","verb":"project.signup","data":{"projectId":"2026-0a1b2c3d"}},"trigger":"manual"},
         "channelData":{"tenant":{"id":"72f988bf-0000-4000-8000-00000000c0de"},"source":{"name":"message"}}}
        """;

    private byte[] _message = null!;
    private byte[] _invoke = null!;
    private Activity _incoming = null!;
    private OutgoingMessage _reply = null!;
    private UserRoles _roles = null!;

    [GlobalSetup]
    public void Setup()
    {
        _message = Encoding.UTF8.GetBytes(MessageJson);
        _invoke = Encoding.UTF8.GetBytes(InvokeJson);
        _incoming = JsonSerializer.Deserialize(_message, ChannelJsonContext.Default.Activity)!;
        _roles = new UserRoles(true, false, new HashSet<string>(), "d1");
        _reply = OutgoingMessage.Of(MenuCards.Help(Samples.Turn(_roles).L, Samples.Menu(Samples.Turn(_roles).L, everything: false)));
    }

    [Benchmark(Description = "read a message activity")]
    public Activity? ReadMessage() => JsonSerializer.Deserialize(_message, ChannelJsonContext.Default.Activity);

    [Benchmark(Description = "read an invoke (Action.Execute)")]
    public Activity? ReadInvoke() => JsonSerializer.Deserialize(_invoke, ChannelJsonContext.Default.Activity);

    [Benchmark(Description = "activity to turn")]
    public Turn ToTurn() => TurnMapper.ToTurn(_incoming, Language.ZhCn, _roles);

    [Benchmark(Description = "write the reply (help card) for the connector")]
    public byte[] WriteReply()
    {
        var message = ActivityFactory.Message(_reply, _incoming.Recipient, _incoming.Conversation);
        message.Recipient = _incoming.From;
        return JsonSerializer.SerializeToUtf8Bytes(message, ChannelJsonContext.Default.Activity);
    }
}
