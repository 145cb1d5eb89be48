# Root module: one service network shared by two VPCs.
module "app" {
  source = "./modules/app"
}

resource "aws_vpclattice_service_network" "main" {
  name      = "core"
	auth_type =	"NONE"
}
