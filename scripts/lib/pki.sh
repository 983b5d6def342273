# Shell functions shared by the scripts that make PKI material with the openssl CLI:
# scripts/make-demo-certs.sh, scripts/make-demo-transport-certs.sh and the test fixture scripts.
# Source it; the callers set `work` (a scratch folder), `out` (where CRLs go), `start` and `end`
# (default validity), or call pki_scratch, which sets all but `out`.

# pki_ca_config FILE: an `openssl ca` configuration with root, intermediate and signer
# extensions; callers append sections of their own.
pki_ca_config() {
    cat >"$1" <<'CNF'
[ ca ]
default_ca = ca_default

[ ca_default ]
dir = $ENV::CA_DIR
database = $dir/index.txt
new_certs_dir = $dir/new
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
crl_extensions = crl_ext

[ policy_any ]
countryName = optional
organizationName = optional
commonName = supplied

[ crl_ext ]
authorityKeyIdentifier = keyid:always

[ root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

[ intermediate ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ signer ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
CNF
}

# pki_genkey FILE SPEC: a private key; SPEC is rsa:BITS or ec:CURVE.
pki_genkey() {
    case "$2" in
        rsa:*) openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:${2#rsa:}" -out "$1" 2>/dev/null ;;
        ec:*) openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:${2#ec:}" \
            -pkeyopt ec_param_enc:named_curve -out "$1" ;;
    esac
}

# pki_parallel FUNCTION ITEM...: runs `FUNCTION ITEM` for every ITEM in background jobs, two at a time (key
# generation is CPU-bound and the machines have two cores), waiting for both of a pair before the next pair starts.
# A failed job stops the loop once its pair has ended; the return status is then non-zero.
pki_parallel() {
    local job="$1" item pid failed=0 pids=()
    shift
    for item in "$@"; do
        "$job" "$item" &
        pids+=($!)
        if ((${#pids[@]} == 2)); then
            for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
            pids=()
            ((failed == 0)) || return 1
        fi
    done
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    return "$failed"
}

# key NAME SPEC: $work/NAME.key.
key() { pki_genkey "$work/$1.key" "$2"; }

# cadir NAME FIRST_SERIAL: an `openssl ca` database for the CA whose key is $work/NAME.key.
cadir() {
    mkdir -p "$work/ca-$1/new"
    : >"$work/ca-$1/index.txt"
    echo "$2" >"$work/ca-$1/serial"
    echo 01 >"$work/ca-$1/crlnumber"
}

# issue CA NAME SUBJECT EXTENSIONS [STARTDATE ENDDATE]: signs $work/NAME.key's CSR with CA's key
# (CA == NAME: self-signed).
issue() {
    local ca="$1" name="$2" subject="$3" ext="$4" from="${5:-$start}" to="${6:-$end}" selfsign=()
    openssl req -new -key "$work/$name.key" -subj "$subject" -out "$work/$name.csr"
    if [[ "$ca" == "$name" ]]; then selfsign=(-selfsign); fi
    CA_DIR="$work/ca-$ca" openssl ca -batch -notext -config "$work/ca.cnf" "${selfsign[@]}" \
        -keyfile "$work/$ca.key" $([[ "$ca" == "$name" ]] || echo "-cert $work/$ca.pem") \
        -extensions "$ext" -startdate "$from" -enddate "$to" \
        -in "$work/$name.csr" -out "$work/$name.pem" 2>/dev/null
}

# crl CA OUT [LASTUPDATE NEXTUPDATE]: a CRL of CA's database written to $out/OUT.
crl() {
    local ca="$1" out_file="$2" last="${3:-$start}" next="${4:-$end}"
    CA_DIR="$work/ca-$ca" openssl ca -batch -config "$work/ca.cnf" -gencrl \
        -keyfile "$work/$ca.key" -cert "$work/$ca.pem" \
        -crl_lastupdate "$last" -crl_nextupdate "$next" -out "$out/$out_file" 2>/dev/null
}

# revoke CA NAME: records $work/NAME.pem as revoked (keyCompromise) in CA's database; the next `crl CA` lists it.
revoke() {
    CA_DIR="$work/ca-$1" openssl ca -batch -config "$work/ca.cnf" -keyfile "$work/$1.key" \
        -cert "$work/$1.pem" -revoke "$work/$2.pem" -crl_reason keyCompromise 2>/dev/null
}

# The test fixture scripts (Tests/MRACryptoTests/Fixtures, Tests/MRAGatewayTests/Fixtures/signatures) build
# the same shape of PKI: the pki_test_* functions below are that shape.

# pki_scratch: $work, a scratch folder removed on exit, with the CA configuration $work/ca.cnf in it;
# long-lived validity (`start`, `end`): 2025-01-01 .. 2075-12-31.
pki_scratch() {
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    start="20250101000000Z"
    end="20751231235959Z"
    pki_ca_config "$work/ca.cnf"
}

# pki_test_cas ORG NAME: root (EC P-384) -> intermediate (RSA-2048), subjects "ORG/CN=NAME Root CA" and
# "ORG/CN=NAME Intermediate CA".
pki_test_cas() {
    key root ec:P-384 && cadir root 1000
    issue root root "$1/CN=$2 Root CA" root
    key intermediate rsa:2048 && cadir intermediate 2000
    issue root intermediate "$1/CN=$2 Intermediate CA" intermediate
}

# pki_test_rogues ORG NAME EXTENSIONS: rogue-self-signed (subject "ORG/CN=NAME Signer", self-signed with
# EXTENSIONS), rogue-root (the real root's subject, its own key) and rogue-leaf under it ("ORG/CN=NAME Signer").
pki_test_rogues() {
    key rogue-self-signed ec:P-256 && cadir rogue-self-signed 4000
    issue rogue-self-signed rogue-self-signed "$1/CN=$2 Signer" "$3"
    key rogue-root ec:P-384 && cadir rogue-root 1000
    issue rogue-root rogue-root "$1/CN=$2 Root CA" root
    key rogue-leaf ec:P-256
    issue rogue-root rogue-leaf "$1/CN=$2 Signer" signer
}

# pki_test_crls REVOKED: root.crl.pem, intermediate.crl.pem (revokes REVOKED) and intermediate-stale.crl.pem
# (nextUpdate 2021-01-01), written to $out.
pki_test_crls() {
    crl root root.crl.pem
    revoke intermediate "$1"
    crl intermediate intermediate.crl.pem
    crl intermediate intermediate-stale.crl.pem 20200101000000Z 20210101000000Z
}
