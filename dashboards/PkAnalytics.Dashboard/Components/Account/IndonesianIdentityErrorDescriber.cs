using Microsoft.AspNetCore.Identity;

namespace PkAnalytics.Dashboard.Components.Account;

/// <summary>Identity's messages in Bahasa Indonesia (those a user or an Admin can meet).</summary>
internal sealed class IndonesianIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Kata sandi minimal {length} karakter." };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Kata sandi harus memuat sedikitnya {uniqueChars} karakter berbeda." };

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Kata sandi lama salah." };

    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"Alamat e-mail {email} sudah dipakai akun lain." };

    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"Nama pengguna {userName} sudah dipakai akun lain." };

    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = $"Alamat e-mail '{email}' tidak sah." };

    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"Nama pengguna '{userName}' tidak sah." };

    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "Token tidak sah atau kedaluwarsa." };

    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = $"Akun sudah berperan {role}." };

    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Akun diubah orang lain pada saat yang sama; muat ulang dan coba lagi." };

    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Terjadi kesalahan pada akun." };
}
