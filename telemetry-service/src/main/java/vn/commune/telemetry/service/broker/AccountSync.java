package vn.commune.telemetry.service.broker;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings a password file and its provisioning file up to a plan of accounts: an account the file has keeps its line
 * byte for byte; a new one gets a new password (or the one the provisioning file already holds for it, when an
 * earlier run was interrupted between the two files); an account asked to rotate gets a new password; an account no
 * longer planned loses its line and its provisioning entry. Pure: reading and writing files is the caller's.
 */
public final class AccountSync {

    /**
     * What the files become.
     *
     * @param passwordLines the password file's lines, in plan order
     * @param credentials   the provisioning file's passwords, by username
     * @param added         accounts that are new
     * @param removed       accounts dropped from the password file
     * @param rotated       accounts given a new password on request
     * @param newPasswords  passwords added to the provisioning file by this run (added and rotated accounts)
     * @param dropped       provisioning entries dropped because their account is gone
     */
    public record Result(List<String> passwordLines, Map<String, String> credentials, List<String> added,
            List<String> removed, List<String> rotated, int newPasswords, List<String> dropped) {

        /** Accounts whose line is kept as it was. */
        public int unchanged() {
            return passwordLines.size() - added.size() - rotated.size();
        }
    }

    private AccountSync() {
    }

    /**
     * @param plan        the accounts wanted
     * @param existing    the password file's lines by username ({@link PasswordFile#read})
     * @param credentials the provisioning file's passwords by username ({@link CredentialsFile#read})
     * @param rotate      usernames to give a new password (each must be in the plan)
     */
    public static Result sync(List<BrokerAccount> plan, Map<String, String> existing, Map<String, String> credentials,
            Set<String> rotate, MosquittoHash hasher) {
        Set<String> planned = new HashSet<>(plan.size() * 4 / 3 + 1);
        for (BrokerAccount account : plan) {
            planned.add(account.username());
        }
        for (String name : rotate) {
            if (!planned.contains(name)) {
                throw new IllegalArgumentException("cannot rotate '" + name + "': no such account");
            }
        }
        Map<String, String> nextCredentials = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>();
        credentials.forEach((name, password) -> {
            if (planned.contains(name)) {
                nextCredentials.put(name, password);
            } else {
                dropped.add(name);
            }
        });
        List<String> lines = new ArrayList<>(plan.size());
        List<String> added = new ArrayList<>();
        List<String> rotated = new ArrayList<>();
        int newPasswords = 0;
        for (BrokerAccount account : plan) {
            String name = account.username();
            String line = existing.get(name);
            if (line != null && !rotate.contains(name)) {
                lines.add(line);
                continue;
            }
            String password = line == null ? nextCredentials.get(name) : null;
            if (password == null) {
                password = hasher.newPassword();
                nextCredentials.put(name, password);
                newPasswords++;
            }
            lines.add(name + ":" + hasher.hash(password));
            (line == null ? added : rotated).add(name);
        }
        List<String> removed = new ArrayList<>();
        for (String name : existing.keySet()) {
            if (!planned.contains(name)) {
                removed.add(name);
            }
        }
        return new Result(lines, nextCredentials, added, removed, rotated, newPasswords, dropped);
    }
}
