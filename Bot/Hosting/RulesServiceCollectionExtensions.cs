using VolunteerBot.Dialogs.Domain.Honours;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Audit;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Storage.Rules;

namespace VolunteerBot.Hosting;

/// <summary>Issue 18 (R2, R4, R13–R15): the exchange ledger, the points publication, honours, committee members, gear nudges.</summary>
public static class RulesServiceCollectionExtensions
{
    public static IServiceCollection AddVolunteerRules(this IServiceCollection services)
    {
        services.AddSingleton<IPointsLedgerStore, PointsLedgerTableStore>();
        services.AddSingleton<IPointsPublicationStore, PointsPublicationTableStore>();
        services.AddSingleton<ICommitteeStore, CommitteeTableStore>();
        services.AddSingleton<IAuditTrail, AuditTrailTableStore>();
        return services;
    }
}
