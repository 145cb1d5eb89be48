# METADATA
# title: Listener accepts plaintext HTTP
# description: |
#   A listener with protocol HTTP carries requests unencrypted from the client
#   to VPC Lattice. HTTPS listeners terminate TLS 1.2/1.3 in VPC Lattice (with a
#   certificate it provisions for the generated domain name, or yours for a
#   custom domain), and TLS passthrough listeners leave TLS end to end. With
#   AWS_IAM auth, a plaintext listener also sends each caller's SigV4
#   authorization headers in clear.
#
#   The rule fires on a listener whose protocol is known to be HTTP; an unknown
#   protocol gives no finding. It is about the listener's own configuration, so
#   it fires whether or not the service is used by code outside the model.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/https-listeners.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/data-protection.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-SEC-009
#   name: plaintext-http-listener
#   severity: warning
#   remediation: Use protocol HTTPS (port 443) for the listener, or TLS_PASSTHROUGH when the targets terminate TLS themselves.
package lattice.rules.plaintext_http_listener

import data.lattice.lib

service(l) := lib.target(l.service) if lib.in_model(l.service)

# signed notes that SigV4 headers travel in clear on an AWS_IAM service.
signed(l) := "; the service uses AWS_IAM auth, so callers' SigV4 authorization headers travel in clear too" if iam(l)

signed(l) := "" if not iam(l)

iam(l) if lib.is(service(l).auth_type, "AWS_IAM")

of_service(l) := sprintf(" of service %s", [lib.name(service(l))]) if lib.in_model(l.service)

of_service(l) := "" if not lib.in_model(l.service)

deny contains f if {
	some l in input.listeners
	lib.is(l.protocol, "HTTP")
	f := {
		"entity": l.id,
		"attribute": "protocol",
		"message": sprintf(
			"listener %s%s accepts plaintext HTTP: requests and responses cross the network unencrypted%s",
			[lib.name(l), of_service(l), signed(l)],
		),
	}
}
