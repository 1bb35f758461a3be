using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.ReadModels;

namespace PkAnalytics.Reports.Model;

/// <summary>The viewer may not see this report (an Operator of another agency, ...); the message says why.</summary>
public sealed class ReportNotVisibleException(string message) : Exception(message);

/// <summary>The rendered report lacks a chart or table rows that its data has: it must not be sent.</summary>
public sealed class ReportIncompleteException(string message) : Exception(message);

/// <summary>Who may read which report, by role and scope (the rules of the dashboard's pages).</summary>
public static class ReportAccess
{
    /// <summary>The scope a recipient with this role (and agency, for an Operator) reads with.</summary>
    public static ViewerScope ScopeOf(string role, int? agencyId) => role switch
    {
        PkRoles.Admin or PkRoles.Pimpinan or PkRoles.Bappeda => ViewerScope.AllAgencies,
        PkRoles.Operator when agencyId is { } id => ViewerScope.Agency(id),
        PkRoles.Operator => throw new ReportNotVisibleException("Operator tanpa perangkat daerah tidak boleh melihat laporan apa pun."),
        _ => throw new ReportNotVisibleException($"Peran '{role}' tidak dikenal."),
    };

    /// <summary>Null when the scope may see the report; otherwise why not (Bahasa Indonesia).</summary>
    public static string? Refusal(ReportRequest request, ViewerScope scope, string? agencyName = null, string? scopeAgencyName = null)
    {
        if (scope.SeesAll)
        {
            return null;
        }

        if (request.Kind == ReportKind.Kabupaten)
        {
            return $"Laporan Kabupaten memuat semua perangkat daerah; penerima ini hanya boleh melihat {scopeAgencyName ?? $"perangkat daerah {scope.AgencyId}"}.";
        }

        return request.AgencyId == scope.AgencyId
            ? null
            : $"Laporan OPD {agencyName ?? $"perangkat daerah {request.AgencyId}"} bukan perangkat daerah penerima ini " +
              $"({scopeAgencyName ?? $"perangkat daerah {scope.AgencyId}"}).";
    }
}
