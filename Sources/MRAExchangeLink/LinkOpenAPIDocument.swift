/// The OpenAPI document of the exchange endpoint, as committed in
/// `docs/openapi-exchange.yaml` (a test checks that the two are equal, and
/// that the routes, statuses and error codes the endpoint answers with are
/// the document's).
package enum LinkOpenAPIDocument {
    package static let yaml = #"""
        openapi: 3.1.0
        info:
          title: MRA gateway exchange endpoint
          version: "1"
          description: |
            Gateway to gateway exchange of signed member lists and their signed receipts between customs administrations
            (docs/exchange-link.md says what every part means). Served by `mra-gateway exchange serve`; called by
            `mra-gateway exchange send`. An administration without this gateway can implement either side from this
            document, docs/exchange-link.md and Schemas/receipt-1.xsd.

            - HTTPS only, TLS 1.2 or later, with mutual TLS: the client certificate identifies the partner administration.
              It must chain to that partner's transport CA (`Certs/{program}/transport/` at the receiver), be valid now and
              not revoked (a CRL for every CA of the chain), carry clientAuth when it has an extendedKeyUsage, and is
              checked before any byte of a body is read.
            - Signing is separate from transport: a list is signed with XML-DSig (enveloped, exclusive C14N, one Reference
              to the whole document; docs/signatures.md) under the sender's signing identity, and the receipt under the
              receiver's. A TLS certificate never signs a list, a signing certificate never opens a connection.
            - Idempotent by content: posting the same bytes again answers the receipt of the first time (`MRA-Replay`); a
              file is never loaded twice. The sender retries freely.
            - Every refusal is `{"error":{"code":…,"message":…}}` with a stable code (below) and `Connection: close`.
        servers:
          - url: https://gateway.example:8443
            description: A partner's endpoint, as its partner.xml `<endpoint url>` names it (port 8443 by default).
        security:
          - mutualTLS: []
        paths:
          /v1/exchange/{program}/files:
            post:
              operationId: postFile
              summary: Deliver one list (the exact bytes of one file) and get the receiver's signed receipt.
              description: |
                `{program}` is the **sender's** program id. The receiver checks, in this order, and reads nothing of the
                body before step 5:

                1. `{program}` is a program of the receiver's catalogue and not the receiver's own, else 404
                   `unknown-program`.
                2. The client certificate: none, 401 `client-certificate-missing`; not valid for `{program}`'s transport
                   trust, 403 `client-certificate-refused` (the message names the reason: untrusted chain, expired,
                   revoked, CRL missing, key usage, key strength); valid for another partner than `{program}`, 403
                   `client-certificate-wrong-partner`.
                3. The headers: no `Content-Length`, 411 `length-required`; a `Content-Type` other than `application/xml`
                   or `text/csv`, 415 `unsupported-media-type`; a malformed `MRA-File-Name` or `Content-Digest`, 400
                   `bad-request`.
                4. `Content-Length` over the partner's file limit (its `partner.xml` `<limits maxFileBytes>`, 8 GiB at
                   most), 413 `body-too-large`.
                5. The body is written to a hidden file in the receiver's inbox as it arrives and hashed (SHA-256). A body
                   shorter or longer than `Content-Length`, or a connection idle for 30 s, 400 `upload-incomplete`; a
                   `Content-Digest` `sha-256` that differs, 400 `content-digest-mismatch`. Nothing is kept in either case.
                6. The same bytes were received from `{program}` before: 200 with that earlier file's receipt and
                   `MRA-Replay`. Nothing else happens.
                7. The file takes its name in the inbox (`MRA-File-Name`, else `<sha256>.xml` or `.csv`); another file of
                   that name still waiting there, 409 `file-name-taken` (nothing kept). From here the file is kept,
                   whatever happens next.
                8. It is processed as every inbox file is (signature, secure read, schema, mapping, rules, one registry
                   transaction, archive or quarantine), one file at a time per receiver; waiting more than 30 s for another
                   job, 503 `exchange-busy`; the receiver unable to keep or process the file, 503 `exchange-unavailable`.

                A 200 is a delivery whatever the outcome: a refused or rejected list is answered with a receipt that says
                why, and the file waits in the receiver's quarantine. Bodies up to the receiver's sync limit (16 MiB by
                default) are answered with the receipt; larger ones with 202 and the receipt's URL.

                Error statuses and their codes: 400 `bad-request`, `upload-incomplete`, `content-digest-mismatch`; 401
                `client-certificate-missing`; 403 `client-certificate-refused`, `client-certificate-wrong-partner`; 404
                `unknown-program`; 409 `file-name-taken`; 411 `length-required`; 413 `body-too-large`; 415
                `unsupported-media-type`; 503 `exchange-busy`, `exchange-unavailable`. A sender retries 408, 429, 5xx and
                connection failures with backoff, and stops on any other 4xx (docs/exchange-link.md, "Retries").
              parameters:
                - {$ref: "#/components/parameters/Program"}
                - name: Content-Length
                  in: header
                  required: true
                  description: The body's length in bytes; chunked bodies without it are refused (411).
                  schema: {type: integer, minimum: 0}
                - name: MRA-File-Name
                  in: header
                  required: false
                  description: >
                    The file's name as the sender keeps it: the name in the receiver's inbox, ledger, archive and receipt
                    (`received/@file`). A plain name, no path. Absent: `<sha256>.xml`, or `<sha256>.csv` for text/csv.
                    Present but malformed: 400 `bad-request`.
                  schema: {type: string, pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$", example: ctpat-delta-20261120.xml}
                - name: Content-Digest
                  in: header
                  required: false
                  description: >
                    RFC 9530 digest of the body. Its `sha-256` member (other algorithms are ignored) is compared with the
                    SHA-256 of the bytes received: different, 400 `content-digest-mismatch`; not 32 bytes of base64
                    between colons, 400 `bad-request`.
                  schema: {type: string, example: "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:"}
              requestBody:
                required: true
                description: >
                  The exact bytes of the file: a list in the sender's program format (or in the format the two parties
                  agreed, partner.xml `sendFormat`), signed with XML-DSig; a delimited list only when the receiver accepts
                  the sender's unsigned lists.
                content:
                  application/xml: {schema: {type: string, format: binary}}
                  text/csv: {schema: {type: string, format: binary}}
              responses:
                "200": {$ref: "#/components/responses/Receipt"}
                "202": {$ref: "#/components/responses/Accepted"}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "409": {$ref: "#/components/responses/Error"}
                "411": {$ref: "#/components/responses/Error"}
                "413": {$ref: "#/components/responses/Error"}
                "415": {$ref: "#/components/responses/Error"}
                "503": {$ref: "#/components/responses/Error"}
          /v1/exchange/{program}/receipts/{sha256}:
            get:
              operationId: getReceipt
              summary: The receipt of the latest filed file of `{program}` with this SHA-256.
              description: >
                Where a 202 points. The client certificate is checked as for postFile (steps 1 and 2). 200 the receipt
                (the same headers as postFile's 200); 202 while a file posted here waits to be processed; 404
                `receipt-unknown` when no file of `{program}` with that SHA-256 was received or is waiting: post the file
                again (safe: the same bytes are never loaded twice). A malformed `{sha256}`, 400 `bad-request`.
              parameters:
                - {$ref: "#/components/parameters/Program"}
                - name: sha256
                  in: path
                  required: true
                  description: The SHA-256 of the file's bytes, 64 lower-case hex digits.
                  schema: {type: string, pattern: "^[0-9a-f]{64}$"}
              responses:
                "200": {$ref: "#/components/responses/Receipt"}
                "202": {$ref: "#/components/responses/Processing"}
                "400": {$ref: "#/components/responses/Error"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
                "404": {$ref: "#/components/responses/Error"}
                "503": {$ref: "#/components/responses/Error"}
          /health:
            get:
              operationId: health
              summary: Liveness, for a caller whose client certificate is valid for one of the receiver's partners.
              responses:
                "200":
                  description: The endpoint runs.
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Health"}
                "401": {$ref: "#/components/responses/Error"}
                "403": {$ref: "#/components/responses/Error"}
          /openapi.yaml:
            get:
              operationId: openapi
              summary: This document, served without a client certificate check (the connection is still TLS).
              security: []
              responses:
                "200": {description: This document., content: {application/yaml: {schema: {type: string}}}}
        components:
          securitySchemes:
            mutualTLS:
              type: mutualTLS
              description: >
                A TLS client certificate issued by the sender's transport CA (not by its signing CA): not a CA itself,
                clientAuth in its extendedKeyUsage and digitalSignature in its keyUsage when it has them, RSA of at least
                2048 bits or EC P-256/P-384. The receiver holds that CA as `Certs/{program}/transport/anchors/*.pem`, its
                intermediates in `intermediates/` and a current CRL for each CA in `crls/`. The handshake asks for a
                certificate without requiring it, so that a missing or refused one is answered with a JSON error rather
                than a TLS alert; the sender's own check of the receiver's server certificate uses the receiver's transport
                anchors only, with host name verification against the endpoint URL.
          parameters:
            Program:
              name: program
              in: path
              required: true
              description: The sender's program id (the partner posting), never the receiver's own.
              schema: {type: string, pattern: "^[a-z]{2,10}(-[a-z]{2,10})?$", example: ctpat}
          headers:
            RetryAfter:
              description: Seconds to wait before asking again.
              schema: {type: integer, minimum: 1, example: 2}
          responses:
            Receipt:
              description: >
                The receiver's signed receipt for the file (Schemas/receipt-1.xsd, namespace `urn:mra-gateway:receipt:1`),
                whatever the file's outcome. The sender counts the file delivered only when the receipt verifies against
                the receiver's signing trust (revocation required), is valid against receipt-1.xsd, was issued by the
                receiver (`issuer`) to the sender (`partner`), and its `received/@digest` is the SHA-256 of exactly the
                bytes sent. The headers repeat what the receipt says, for logs; the receipt is what counts.
              headers:
                MRA-Ledger-Entry:
                  description: The receiver's ledger entry of the file (the receipt's `ledgerEntry`).
                  schema: {type: integer, minimum: 1}
                MRA-Outcome:
                  description: What the receiver did with the file (the receipt's `outcome/@code`).
                  schema: {type: string, enum: [applied, rejected, refused, duplicate]}
                MRA-Reason:
                  description: >
                    Why it was not applied (the receipt's `outcome/@reason`): `signature-refused/<reason>`,
                    `document-refused`, `invalid-records`, `duplicate-file`, `duplicate-batch`, `stale-batch`,
                    `mass-withdrawal`. Absent when applied.
                  schema: {type: string}
                MRA-Replay:
                  description: >
                    Present when these bytes had been received from `{program}` before: the ledger entry whose receipt
                    this is. Nothing was loaded by this request.
                  schema: {type: integer, minimum: 1}
              content:
                application/xml:
                  schema: {type: string}
                  example: |
                    <?xml version="1.0" encoding="UTF-8"?>
                    <receipt xmlns="urn:mra-gateway:receipt:1" issuer="eu-aeo" ledgerEntry="42" partner="ctpat" version="1">
                      <received bytes="18231" digest="9f2c1e0b4a7d8e6f5c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d5c" digestAlgorithm="SHA-256" file="ctpat-delta-20261120.xml" receivedAt="2026-11-20T15:00:02Z"/>
                      <batch created="2026-11-20T10:00:00-05:00" id="CBP-CTPAT-MRA-202611-0101" kind="delta"/>
                      <outcome code="applied" processedAt="2026-11-20T15:00:03Z"/>
                      <counts accepted="1" changed="1" inserted="0" records="1" rejected="0" unchanged="0" withdrawn="0"/>
                      <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">…</ds:Signature>
                    </receipt>
            Accepted:
              description: >
                The body is over the receiver's sync limit: the file is kept in the receiver's inbox and processed in the
                background. Fetch the receipt at `Location` after `Retry-After` seconds (getReceipt).
              headers:
                Location:
                  description: "`/v1/exchange/{program}/receipts/{sha256}`, relative to the endpoint's base URL."
                  schema: {type: string}
                Retry-After: {$ref: "#/components/headers/RetryAfter"}
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Accepted"}
            Processing:
              description: The file was received and is not processed yet; ask again after `Retry-After` seconds.
              headers:
                Retry-After: {$ref: "#/components/headers/RetryAfter"}
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Accepted"}
            Error:
              description: >
                Refused, with a stable code (components/schemas/Error). The connection is closed after the answer
                (`Connection: close`): the body may not have been read. A 503 may carry `Retry-After`.
              headers:
                Retry-After: {$ref: "#/components/headers/RetryAfter"}
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Error"}
          schemas:
            Accepted:
              type: object
              required: [status]
              properties:
                status: {type: string, enum: [accepted, processing]}
                receipt: {type: string, description: "Where the receipt will be: the same as Location."}
                sha256: {type: string, pattern: "^[0-9a-f]{64}$", description: The SHA-256 of the bytes received.}
            Health:
              type: object
              required: [status]
              properties:
                status: {const: ok}
            Error:
              type: object
              required: [error]
              properties:
                error:
                  type: object
                  required: [code, message]
                  properties:
                    code:
                      type: string
                      description: >
                        Stable: a sender decides on it, never on the message. `unknown-program` 404, `not-found` 404 (no
                        such route), `method-not-allowed` 405 (with `Allow`), `client-certificate-missing` 401,
                        `client-certificate-refused` 403, `client-certificate-wrong-partner` 403, `length-required` 411,
                        `unsupported-media-type` 415, `body-too-large` 413, `bad-request` 400, `upload-incomplete` 400,
                        `content-digest-mismatch` 400, `file-name-taken` 409, `receipt-unknown` 404, `exchange-busy` 503,
                        `exchange-unavailable` 503.
                      enum:
                        - unknown-program
                        - not-found
                        - method-not-allowed
                        - client-certificate-missing
                        - client-certificate-refused
                        - client-certificate-wrong-partner
                        - length-required
                        - unsupported-media-type
                        - body-too-large
                        - bad-request
                        - upload-incomplete
                        - content-digest-mismatch
                        - file-name-taken
                        - receipt-unknown
                        - exchange-busy
                        - exchange-unavailable
                    message: {type: string, description: For people; it names the reason and never changes the code.}

        """#
}
